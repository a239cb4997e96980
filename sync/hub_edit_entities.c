/* hub_edit_entities.c - the forms of the site, organizations, locations, categories and services
 * (every field of docs/content-bundle.md), and the list of every entity the editor offers. */
#include "hub_edit.h"
#include "model.h"

static const char *const org_kind_labels[] = {"Municipality", "Wellbeing services county", "Association (NGO)", "Parish",
                                              "Other", NULL};
static const char *const audiences[] = {"expecting", "baby", "under_school_age", "school_age", "teen", "family", "parent", NULL};
static const char *const audience_labels[] = {"Expecting a baby", "Babies", "Under school age", "School age", "Teens",
                                              "Families", "Parents", NULL};

#define CONTACTS                                                                                   \
    {"phone", HE_STRING, "Phone", "digits, spaces, + - ( )", 0, NULL, NULL, NULL, NULL, NULL},     \
    {"email", HE_STRING, "E-mail", NULL, 0, NULL, NULL, NULL, NULL, NULL},                         \
    {"url", HE_STRING, "Web address", "http:// or https://", 0, NULL, NULL, NULL, NULL, NULL}

static const hub_edit_field site_fields[] = {
    {"id", HE_ID, "Site id", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "Name", "shown on Home and on referral slips", 1, NULL, NULL, NULL, NULL, NULL},
    {"location", HE_REF, "Address", "the centre's location (edit it under Locations)", 1, "locations", NULL, NULL, NULL, NULL},
    {"languages", HE_CODES, "Languages", "offered on the kiosk's language bar, in this order (e.g. fi, sv, en)", 1, NULL, NULL,
     NULL, NULL, NULL},
    {"default_language", HE_STRING, "Default language", "the kiosk returns to it when idle; one of the languages", 1, NULL,
     NULL, NULL, NULL, NULL},
    {"fallback", HE_CODES, "Fallback languages", "tried in this order when a text lacks the visitor's language", 0, NULL,
     NULL, NULL, NULL, NULL},
    CONTACTS,
    {"opening_hours", HE_HOURS, "Opening hours", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"hours_exceptions", HE_EXCEPTIONS, "Exception days", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field org_fields[] = {
    {"id", HE_ID, "Id", "letters a-z, digits, - and _; leave empty to make one from the name", 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "Name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"kind", HE_CHOICE, "Kind", NULL, 1, NULL, model_org_kinds, org_kind_labels, NULL, NULL},
    {"url", HE_STRING, "Web address", "http:// or https://", 0, NULL, NULL, NULL, NULL, NULL},
    {"phone", HE_STRING, "Phone", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"email", HE_STRING, "E-mail", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field loc_fields[] = {
    {"id", HE_ID, "Id", "letters a-z, digits, - and _; leave empty to make one from the name", 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "Name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"street", HE_TEXT, "Street address", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"postal_code", HE_STRING, "Postal code", "5 digits", 1, NULL, NULL, NULL, NULL, NULL},
    {"city", HE_TEXT, "City", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"lat", HE_NUMBER, "Latitude", "e.g. 60.1699; give both or neither", 0, NULL, NULL, NULL, NULL, NULL},
    {"lon", HE_NUMBER, "Longitude", "e.g. 24.9384", 0, NULL, NULL, NULL, NULL, NULL},
    {"accessibility", HE_LONGTEXT, "Accessibility", "entrances, lifts, parking for prams", 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field cat_fields[] = {
    {"id", HE_ID, "Id", "letters a-z, digits, - and _; leave empty to make one from the name", 1, NULL, NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "Name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"icon", HE_CHOICE, "Icon", NULL, 0, NULL, model_category_icons, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

static const hub_edit_field service_fields[] = {
    {"id", HE_ID, "Id", "letters a-z, digits, - and _; leave empty to make one from the name", 1, NULL, NULL, NULL, NULL, NULL},
    {"organization", HE_REF, "Provided by", NULL, 1, "organizations", NULL, NULL, NULL, NULL},
    {"location", HE_REF, "Location", "none for phone or online services", 0, "locations", NULL, NULL, NULL, NULL},
    {"name", HE_TEXT, "Name", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"summary", HE_TEXT, "Summary", "one line on lists and slips", 1, NULL, NULL, NULL, NULL, NULL},
    {"description", HE_LONGTEXT, "Description", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"categories", HE_REFS, "Categories", NULL, 1, "categories", NULL, NULL, NULL, NULL},
    {"audiences", HE_CHOICES, "For whom", NULL, 1, NULL, audiences, audience_labels, NULL, NULL},
    {"languages", HE_CODES, "Languages the service is given in", "e.g. fi, sv, en", 1, NULL, NULL, NULL, NULL, NULL},
    {"free", HE_BOOL, "Free of charge", NULL, 1, NULL, NULL, NULL, NULL, NULL},
    {"cost", HE_TEXT, "Cost", "e.g. Client fee 12 €/visit", 0, NULL, NULL, NULL, NULL, NULL},
    {"url", HE_STRING, "Web address", "http:// or https://", 0, NULL, NULL, NULL, NULL, NULL},
    {"email", HE_STRING, "E-mail", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"phone", HE_STRING, "Phone", NULL, 0, NULL, NULL, NULL, NULL, NULL},
    {"walk_in", HE_BOOL, "Visitors welcome without an appointment",
     "at all opening hours, or only in the rows ticked \"No appointment\" below", 0, NULL, NULL, NULL, NULL, NULL},
    {"opening_hours", HE_HOURS, "Opening hours", NULL, 0, "walk_in", NULL, NULL, NULL, NULL},
    {"hours_exceptions", HE_EXCEPTIONS, "Exception days", NULL, 0, "walk_in", NULL, NULL, NULL, NULL},
    {"hours_note", HE_TEXT, "Note on hours", "e.g. By appointment", 0, NULL, NULL, NULL, NULL, NULL},
    {NULL, 0, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL},
};

const hub_edit_entity hub_edit_site = {"site", "site", "site", "Site", site_fields, NULL, NULL};
const hub_edit_entity hub_edit_organizations = {"organizations", "organizations", "organization", "Organizations", org_fields, NULL, NULL};
const hub_edit_entity hub_edit_locations = {"locations", "locations", "location", "Locations", loc_fields, NULL, NULL};
const hub_edit_entity hub_edit_categories = {"categories", "categories", "category", "Categories", cat_fields, NULL, NULL};
const hub_edit_entity hub_edit_services = {"services", "services", "service", "Services", service_fields, NULL, NULL};

const hub_edit_entity *const hub_edit_entities[] = {
    &hub_edit_site, &hub_edit_organizations, &hub_edit_locations, &hub_edit_categories, &hub_edit_services,
    &hub_edit_events, &hub_edit_questions, NULL,
};
