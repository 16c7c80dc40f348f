// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the object tables: no object has more fields or commands
 * than the engine keeps, no alias shares an abbreviation with its command's
 * word, every keyword a command takes is a field of its object,
 * every string or hex field it writes carries the kernel's bound, and the
 * largest request each command can build (each keyword once, each value as
 * long as the kernel takes) fits in XNL_REQ_SIZE.
 */
#include <stdio.h>
#include <string.h>

#include "../obj.h"
#include "../xswctl.h"

struct xswctl xswctl;

static const struct object *const objects[] = {
	&switch_object, &port_object, &nic_object, &prop_object,
	&feature_object, &ext_object,
};

static int failed;

#define fail(...) (fprintf(stderr, "FAIL: " __VA_ARGS__), failed = 1)

static size_t attr_size(const struct field *f)
{
	return MNL_ATTR_HDRLEN + MNL_ALIGN(field_max_payload(f));
}

/* Checks the field a command writes; false if it is unfit. */
static bool check_field(const struct object *obj, const struct command *c,
			const struct field *f)
{
	if ((f->kind == FK_STR || f->kind == FK_HEX || f->kind == FK_NETDEV) &&
	    !f->max) {
		fail("%s %s: %s has no bound\n", obj->name, c->word, f->key);
		return false;
	}
	if (f->kind == FK_HEX && f->max > XSWITCH_MAX_PROP_DATA) {
		fail("%s %s: %s is bound above XSWITCH_MAX_PROP_DATA\n",
		     obj->name, c->word, f->key);
		return false;
	}
	return true;
}

/* The largest request @c can build. */
static size_t request_max(const struct object *obj, const struct command *c)
{
	const struct field *f = object_field(obj, obj->switch_attr);
	size_t size = MNL_NLMSG_HDRLEN + MNL_ALIGN(GENL_HDRLEN);
	char words[256], *w, *save;

	if (!f || f->kind != FK_STR || !check_field(obj, c, f))
		return 0;
	size += attr_size(f);
	if (!c->args)
		return size;
	if (snprintf(words, sizeof(words), "%s", c->args) >= (int)sizeof(words)) {
		fail("%s %s: keywords too long for the test\n", obj->name,
		     c->word);
		return 0;
	}
	for (w = strtok_r(words, " ", &save); w;
	     w = strtok_r(NULL, " ", &save)) {
		f = object_field_by_key(obj, w);
		if (!f) {
			fail("%s %s: keyword %s is no field\n", obj->name,
			     c->word, w);
			continue;
		}
		if (check_field(obj, c, f))
			size += attr_size(f);
	}
	return size;
}

int main(void)
{
	const struct object *largest_obj = NULL;
	const struct command *c, *largest = NULL;
	size_t size, most = 0;
	unsigned int i, j;

	for (i = 0; i < MNL_ARRAY_SIZE(objects); i++) {
		if (objects[i]->nfields > OBJECT_MAX_FIELDS)
			fail("%s: more than %d fields\n", objects[i]->name,
			     OBJECT_MAX_FIELDS);
		if (objects[i]->ncmds > OBJECT_MAX_CMDS)
			fail("%s: more than %d commands\n", objects[i]->name,
			     OBJECT_MAX_CMDS);
		for (j = 0; j < objects[i]->ncmds; j++) {
			c = &objects[i]->cmds[j];
			/* One abbreviation must not name both. */
			if (c->alias && c->alias[0] == c->word[0])
				fail("%s %s: the alias %s starts alike\n",
				     objects[i]->name, c->word, c->alias);
			size = request_max(objects[i], c);
			if (size > XNL_REQ_SIZE)
				fail("%s %s: a request of %zu bytes\n",
				     objects[i]->name, c->word, size);
			if (size > most) {
				most = size;
				largest_obj = objects[i];
				largest = c;
			}
		}
	}
	if (!failed)
		printf("obj_test: ok (the largest request, %s %s, is %zu of %zu bytes)\n",
		       largest_obj->name, largest->word, most,
		       (size_t)XNL_REQ_SIZE);
	return failed;
}
