/*
 * queue_scope.c: who a request waits for, down to the unit, and the (role, unit) pairs a
 * person's queue reads.
 *
 * A step names its actor role; an approval may name its approver as the holder of a role
 * in the unit a form field names (data-service: <approver role="data-owner"
 * field="system"/>, the data owner of the chosen system). The engine keeps that unit on
 * the request (actor_unit, '' when any holder of the role acts), and a person's queue is
 * one index range per pair: (role, '') for every role they hold, and (role, unit) for
 * every unit they hold it in. The requester's steps are nobody's queue: a requester
 * finds them in their own list. Both functions are pure, for the unit tests.
 */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "borikan.h"

/*
 * The unit whose holders of the step's actor role act at step, for a request whose form
 * is the JSON object form: the value of the field named by the first approver of that
 * role that names one. "" when the step has no such approver (or the field is empty).
 */
void
bk_step_actor_unit(xmlNodePtr step, const char *form, char *out, size_t size)
{
	char actor[32], role[32], field[48];
	xmlNodePtr approvers;
	json_t *obj, *v;

	out[0] = '\0';
	if (step == NULL || (approvers = bk_def_child(step, "approvers")) == NULL)
		return;
	bk_def_attr(step, "actor", actor, sizeof(actor));
	for (xmlNodePtr a = approvers->children; a != NULL; a = a->next) {
		if (a->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(bk_def_attr(a, "role", role, sizeof(role)), actor) != 0 ||
		    bk_def_attr(a, "field", field, sizeof(field))[0] == '\0')
			continue;
		if (form == NULL || (obj = json_loads(form, 0, NULL)) == NULL)
			return;
		if ((v = json_object_get(obj, field)) != NULL && json_is_string(v) &&
		    strlen(json_string_value(v)) < size)
			bk_strlcpy(out, json_string_value(v), size);
		json_decref(obj);
		return;
	}
}

static bool
has_pair(const struct bk_role_unit *p, size_t n, const char *role, size_t rlen, const char *unit,
    size_t ulen)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(p[i].role) == rlen && strncmp(p[i].role, role, rlen) == 0 &&
		    strlen(p[i].unit) == ulen && strncmp(p[i].unit, unit, ulen) == 0)
			return true;
	return false;
}

/*
 * Fills out with the distinct (role, unit) pairs of roles ("role@unit role@unit ...", as
 * in a session): first (role, "") for each role but requester, then (role, unit) for each
 * token; at most max pairs, the rest dropped. Tokens too long for a pair are skipped.
 * Returns the number of pairs.
 */
size_t
bk_queue_pairs(const char *roles, struct bk_role_unit *out, size_t max)
{
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++) {
		const char *p = roles;
		while (*p != '\0' && n < max) {
			size_t len = strcspn(p, " "), rlen = strcspn(p, "@ ");
			const char *unit = p[rlen] == '@' ? p + rlen + 1 : p + rlen;
			size_t ulen = p[rlen] == '@' ? len - rlen - 1 : 0;

			if (pass == 0)
				ulen = 0;
			if (rlen > 0 && rlen < sizeof(out[0].role) && ulen < sizeof(out[0].unit) &&
			    !(rlen == 9 && strncmp(p, "requester", 9) == 0) &&
			    (pass == 0 || ulen > 0) && !has_pair(out, n, p, rlen, unit, ulen)) {
				memcpy(out[n].role, p, rlen);
				out[n].role[rlen] = '\0';
				memcpy(out[n].unit, unit, ulen);
				out[n].unit[ulen] = '\0';
				n++;
			}
			p += len;
			p += strspn(p, " ");
		}
	}
	return n;
}
