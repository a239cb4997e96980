/* hub_edit_entities.c - the forms of the site, organizations, locations, categories and services
 * (every field of docs/content-bundle.md), and the list of every entity the editor offers. */
#include "hub_edit.h"
#include "model.h"

static const char *const org_kind_labels[] = {"web.edit.org.municipality", "web.edit.org.county", "web.edit.org.ngo",
                                              "web.edit.org.parish", "web.edit.org.other", NULL};
static const char *const audiences[] = {"expecting", "baby", "under_school_age", "school_age", "teen", "family", "parent", NULL};
static const char *const audience_labels[] = {"web.edit.aud.expecting", "web.edit.aud.baby", "web.edit.aud.under_school",
                                              "web.edit.aud.school", "web.edit.aud.teen", "web.edit.aud.family",
                                              "web.edit.aud.parent", NULL};

#define CONTACTS                                                                                   \
    {"phone", HE_STRING, "web.edit.f.phone", "web.edit.h.phone", 0, NULL, NULL, NULL, NULL, NULL},     \
    {"email", HE_STRING, "web.edit.f.email", NULL, 0, NULL, NULL, NULL, NULL, NULL},               \
    {"url", HE_STRING, "web.edit.f.url", "web.edit.h.url", 0, NULL, NULL, NULL, NULL, NULL}

static const hub_edit_field site_fields[] = {
    {"id", HE_ID, "web.edit.f.site_id", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "web.edit.f.name", "web.edit.h.site_name", 1, NULL, NULL, NULL, NULL, NULL},
    {"location", HE_REF, "web.edit.f.address", "web.edit.h.address", 1, "locations", NULL, NULL, NULL, NULL},
    {"languages", HE_CODES, "web.edit.f.languages", "web.edit.h.languages", 1, NULL, NULL,
     NULL, NULL, NULL},
    {"default_language", HE_STRING, "web.edit.f.default_language", "web.edit.h.default_language", 1, NULL,
     NULL, NULL, NULL, NULL},
    {"fallback", HE_CODES, "web.edit.f.fallback", "web.edit.h.fallback", 0, NULL,
     NULL, NULL, NULL, NULL},
    CONTACTS,
    {"opening_hours", HE_HOURS, "web.edit.f.opening_hours", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"hours_exceptions", HE_EXCEPTIONS, "web.edit.f.exceptions", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field org_fields[] = {
    {"id", HE_ID, "web.edit.f.id", "web.edit.h.id", 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "web.edit.f.name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"kind", HE_CHOICE, "web.edit.f.kind", NULL, 1, NULL, model_org_kinds, org_kind_labels, NULL, NULL},
    {"url", HE_STRING, "web.edit.f.url", "web.edit.h.url", 0, NULL, NULL, NULL, NULL, NULL},
    {"phone", HE_STRING, "web.edit.f.phone", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"email", HE_STRING, "web.edit.f.email", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field loc_fields[] = {
    {"id", HE_ID, "web.edit.f.id", "web.edit.h.id", 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "web.edit.f.name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"street", HE_TEXT, "web.edit.f.street", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"postal_code", HE_STRING, "web.edit.f.postal_code", "web.edit.h.postal_code", 1, NULL, NULL, NULL, NULL, NULL},
    {"city", HE_TEXT, "web.edit.f.city", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"lat", HE_NUMBER, "web.edit.f.lat", "web.edit.h.lat", 0, NULL, NULL, NULL, NULL, NULL},
    {"lon", HE_NUMBER, "web.edit.f.lon", "web.edit.h.lon", 0, NULL, NULL, NULL, NULL, NULL},
    {"accessibility", HE_LONGTEXT, "web.edit.f.accessibility", "web.edit.h.accessibility", 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

/* The same order as model_category_icons. */
static const char *const icon_labels[] = {"web.edit.icon.health", "web.edit.icon.family", "web.edit.icon.play",
                                          "web.edit.icon.support", "web.edit.icon.talk", "web.edit.icon.crisis",
                                          "web.edit.icon.culture", "web.edit.icon.faith", "web.edit.icon.home",
                                          "web.edit.icon.info", "web.edit.icon.language", "web.edit.icon.money", NULL};

static const hub_edit_field cat_fields[] = {
    {"id", HE_ID, "web.edit.f.id", "web.edit.h.id", 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "web.edit.f.name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"icon", HE_CHOICE, "web.edit.f.icon", NULL, 0, NULL, model_category_icons, icon_labels, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field service_fields[] = {
    {"id", HE_ID, "web.edit.f.id", "web.edit.h.id", 1, NULL, NULL, NULL, NULL, NULL},
    {"organization", HE_REF, "web.edit.f.organization", NULL, 1, "organizations", NULL, NULL, NULL, NULL},
    {"location", HE_REF, "web.edit.f.location", "web.edit.h.location", 0, "locations", NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "web.edit.f.name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"summary", HE_TEXT, "web.edit.f.summary", "web.edit.h.summary", 1, NULL, NULL, NULL, NULL, NULL},
    {"description", HE_LONGTEXT, "web.edit.f.description", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"categories", HE_REFS, "web.edit.f.categories", NULL, 1, "categories", NULL, NULL, NULL, NULL},
    {"audiences", HE_CHOICES, "web.edit.f.audiences", NULL, 1, NULL, audiences, audience_labels, NULL, NULL},
    {"languages", HE_CODES, "web.edit.f.service_languages", "web.edit.h.service_languages", 1, NULL, NULL, NULL, NULL, NULL},
    {"free", HE_BOOL, "web.edit.f.free", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"cost", HE_TEXT, "web.edit.f.cost", "web.edit.h.cost", 0, NULL, NULL, NULL, NULL, NULL},
    {"url", HE_STRING, "web.edit.f.url", "web.edit.h.url", 0, NULL, NULL, NULL, NULL, NULL},
    {"email", HE_STRING, "web.edit.f.email", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"phone", HE_STRING, "web.edit.f.phone", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"walk_in", HE_BOOL, "web.edit.f.walk_in", "web.edit.h.walk_in", 0, NULL, NULL, NULL, NULL, NULL},
    {"opening_hours", HE_HOURS, "web.edit.f.opening_hours", NULL, 0, "walk_in", NULL, NULL, NULL, NULL},
    {"hours_exceptions", HE_EXCEPTIONS, "web.edit.f.exceptions", NULL, 0, "walk_in", NULL, NULL, NULL, NULL},
    {"hours_note", HE_TEXT, "web.edit.f.hours_note", "web.edit.h.hours_note", 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

const hub_edit_entity hub_edit_site = {"site", "site", "web.edit.site.one", "web.edit.site.many", site_fields, NULL, NULL,
                                       "web.edit.site.one", "web.edit.site.one", "web.edit.site.one", "web.edit.site.one"};
const hub_edit_entity hub_edit_organizations = {"organizations", "organizations", "web.edit.organizations.one",
    "web.edit.organizations.many", org_fields, NULL, NULL, "web.edit.organizations.new", "web.edit.organizations.add",
    "web.edit.organizations.delete", "web.edit.organizations.removed"};
const hub_edit_entity hub_edit_locations = {"locations", "locations", "web.edit.locations.one", "web.edit.locations.many",
    loc_fields, NULL, NULL, "web.edit.locations.new", "web.edit.locations.add", "web.edit.locations.delete",
    "web.edit.locations.removed"};
const hub_edit_entity hub_edit_categories = {"categories", "categories", "web.edit.categories.one", "web.edit.categories.many",
    cat_fields, NULL, NULL, "web.edit.categories.new", "web.edit.categories.add", "web.edit.categories.delete",
    "web.edit.categories.removed"};
const hub_edit_entity hub_edit_services = {"services", "services", "web.edit.services.one", "web.edit.services.many",
    service_fields, NULL, NULL, "web.edit.services.new", "web.edit.services.add", "web.edit.services.delete",
    "web.edit.services.removed"};

const hub_edit_entity *const hub_edit_entities[] = {
    &hub_edit_site, &hub_edit_organizations, &hub_edit_locations, &hub_edit_categories, &hub_edit_services,
    &hub_edit_events, &hub_edit_questions, NULL,
};
