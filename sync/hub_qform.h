/* hub_qform.h - the content editor's feedback question form and the bundle's feedback_questions,
 * both ways (docs/content-bundle.md). Fields, named as the validator names the question's keys:
 *   id (a new question only), kind (single | multiple), text.LANG, options[i].id (kept from the
 *   bundle, made for a new option), options[i].text.LANG; a row whose texts are all empty is
 *   dropped (that removes an option).
 * The version is the form's business, not the coordinator's: a question that differs in any
 * way from the published one gets a version above every version of it ever published, so the
 * answers to the old wording stay apart; one saved back to the published wording gets the
 * published version again; one never published keeps its own (1 for a new one). */
#ifndef MAJAKKA_HUB_QFORM_H
#define MAJAKKA_HUB_QFORM_H
#include <stddef.h>
#include <jansson.h>
#include "hub_form.h"

#define HUB_QFORM_MAX_ROWS 8      /* the validator's 2 to 8 options */

typedef struct hub_qform_saved {
    size_t index;                       /* the question in feedback_questions */
    int opt_row[HUB_QFORM_MAX_ROWS];    /* options[k] came from form row opt_row[k] */
    size_t nopt;
} hub_qform_saved;

/* Fields are named after prefix ("feedback_questions[2]." in a page, the validator's path; ""
 * bare), as in hub_evform.h. Applies the form to questions (a draft's content.feedback_questions, a JSON list). id: the
 * question edited (NULL: a new one, id from the form). published: the question of that id in the
 * latest published content (NULL: none); max_published: the highest version of that id in any
 * published content (0: only published's counts). On bad input questions is unchanged, MJ_EINVAL,
 * the field in field and "field: reason" in err (in lang: fi, sv, en; NULL: English); MJ_ENOTFOUND:
 * no such question. */
int hub_qform_apply(json_t *questions, const char *id, const hub_form *fd, const char *prefix, const json_t *published,
                    long long max_published, const char *lang, hub_qform_saved *saved, char *field, size_t flen, char *err,
                    size_t errlen);

/* The form's fields for question id (applying them back changes nothing). */
int hub_qform_to_form(const json_t *questions, const char *id, const char *prefix, hub_form *out, char *err,
                      size_t errlen);

/* The form field a validator path names ("feedback_questions[2].options[1].text.fi" ->
 * "options[ROW].text.fi"); MJ_ENOTFOUND when the path is about another item. */
int hub_qform_field_of(const char *path, const hub_qform_saved *saved, char *field, size_t flen);

/* The version of question id in content (0: not there), for max_published over old versions. */
long long hub_qform_version_in(const json_t *content, const char *id);

#endif
