/*
 * store_compat: the spellings store.h used before model.h owned the domain,
 * kept only while the other branches of issue 11 (written against them)
 * are merged.  New code uses model.h's names.  After the merge, this file
 * goes, with:
 *
 *   sed -i -E -e 's/\bSTORE_(MAIL|APP|IV|ROLE)_/\1_/g' \
 *       -e 's/\benum store_(app_status|iv_status|mail_kind|mail_status)\b/enum \1/g' \
 *       -e 's/\benum store_role\b/enum person_role/g' \
 *       -e 's/\bstore_(app_status|iv_status|role|mail_kind|mail_status)_(name|parse)\b/\1_\2/g' \
 *       -e 's/\bstruct store_application\b/struct application/g' \
 *       -e 's/\bstore_application_clear\b/application_clear/g' \
 *       -e 's/\bstore_people_free\b/participants_free/g' FILES
 *
 * (MAIL_WAITING and mail_action_from(MAIL_ACT_CANCEL) replace
 * STORE_MAIL_WAITING and STORE_MAIL_CANCELLABLE.)
 */
#ifndef FOLLOWUPD_STORE_COMPAT_H
#define FOLLOWUPD_STORE_COMPAT_H

#include "model.h"

#define store_app_status app_status
#define store_iv_status iv_status
#define store_role person_role
#define store_mail_kind mail_kind
#define store_mail_status mail_status

#define STORE_APP_ACTIVE APP_ACTIVE
#define STORE_APP_REJECTED APP_REJECTED
#define STORE_APP_OFFER APP_OFFER
#define STORE_APP_WITHDRAWN APP_WITHDRAWN
#define STORE_APP_STATUS_COUNT APP_STATUS_COUNT
#define STORE_IV_SCHEDULED IV_SCHEDULED
#define STORE_IV_DONE IV_DONE
#define STORE_IV_CANCELLED IV_CANCELLED
#define STORE_IV_STATUS_COUNT IV_STATUS_COUNT
#define STORE_ROLE_INTERVIEWER ROLE_INTERVIEWER
#define STORE_ROLE_CONTACT ROLE_CONTACT
#define STORE_ROLE_REFERENCE ROLE_REFERENCE
#define STORE_ROLE_ME ROLE_ME
#define STORE_ROLE_COUNT ROLE_COUNT
#define STORE_MAIL_THANK_YOU MAIL_THANK_YOU
#define STORE_MAIL_THANK_YOU_CONTACT MAIL_THANK_YOU_CONTACT
#define STORE_MAIL_REFERENCE_WARNING MAIL_REFERENCE_WARNING
#define STORE_MAIL_STATUS_NUDGE MAIL_STATUS_NUDGE
#define STORE_MAIL_REFLECTION MAIL_REFLECTION
#define STORE_MAIL_FEEDBACK_REQUEST MAIL_FEEDBACK_REQUEST
#define STORE_MAIL_KIND_COUNT MAIL_KIND_COUNT
#define STORE_MAIL_PENDING MAIL_PENDING
#define STORE_MAIL_HELD MAIL_HELD
#define STORE_MAIL_SENDING MAIL_SENDING
#define STORE_MAIL_SENT MAIL_SENT
#define STORE_MAIL_DEFERRED MAIL_DEFERRED
#define STORE_MAIL_FAILED MAIL_FAILED
#define STORE_MAIL_CANCELLED MAIL_CANCELLED
#define STORE_MAIL_UNKNOWN MAIL_UNKNOWN
#define STORE_MAIL_STATUS_COUNT MAIL_STATUS_COUNT
#define STORE_MAIL_WAITING MAIL_WAITING
#define STORE_MAIL_CANCELLABLE mail_action_from(MAIL_ACT_CANCEL)

#define store_app_status_name app_status_name
#define store_app_status_parse app_status_parse
#define store_iv_status_name iv_status_name
#define store_iv_status_parse iv_status_parse
#define store_role_name role_name
#define store_role_parse role_parse
#define store_mail_kind_name mail_kind_name
#define store_mail_kind_parse mail_kind_parse
#define store_mail_status_name mail_status_name
#define store_mail_status_parse mail_status_parse

#define store_application application
#define store_application_clear application_clear
#define store_people_free participants_free

#endif
