/* lexicon: every word list of recognition, in one place (see lexicon.h). */
#include "autoconfig.h"

#include "lexicon.h"
#include "matcher.h"
#include "util.h"

#define LEXICON(name, ...) \
	static const char *const name##_words_[] = { __VA_ARGS__ }; \
	static struct matcher *name##_matcher_; \
	const struct lexicon lex_##name = { name##_words_, ARRAY_LEN(name##_words_), \
		&name##_matcher_ }

const struct matcher *lex_matcher(const struct lexicon *l)
{
	if (*l->m == NULL)
		*l->m = matcher_new(l->w, l->n);
	return *l->m;
}

/* ---- the kind of a mail ---- */

/* Subject starts of a calendar reply ("Accepted: Interview ..."). */
LEXICON(calendar_reply_prefixes,
	"accepted:", "declined:", "tentative:", "tentatively accepted:",
	"new time proposed:", "invitation accepted", "invitation declined",
);

/* In a subject, a calendar reply ("Ada Brooks has accepted ..."); any case. */
LEXICON(calendar_reply_marks,
	" has accepted", " has declined",
);

/* Subject starts of a reply, in English, Swedish/Norwegian/Danish, German,
 * Finnish. */
LEXICON(reply_prefixes,
	"re:", "sv:", "aw:", "vs:",
	/* Italian, Polish, Brazilian Portuguese, Dutch, French with a space */
	"r:", "rif:", "odp:", "res:", "antw:", "re :",
);

/* An interview said to be called off (with a cancel word). */
LEXICON(cancel_done,
	"has been cancelled", "has been canceled", "need to cancel", "have to cancel",
	"is cancelled", "is canceled", "was cancelled", "was canceled", "been called off",
	/* Indian English: "the interview scheduled for tomorrow stands cancelled" */
	"stands cancelled", "stands canceled", "stand cancelled", "stand canceled",
	/* British: "your interview on Thursday will not go ahead" */
	"will not go ahead", "won't go ahead", "will not be going ahead", "won't be going ahead",
	"will not take place", "won't take place", "can no longer go ahead",
	/* German, French, Spanish, Portuguese, Dutch */
	"m\xc3\xbcssen wir absagen", "m\xc3\xbcssen das gespr\xc3\xa4" "ch absagen",
	"devons annuler", "sommes contraints d'annuler", "tenemos que cancelar",
	"debemos cancelar", "precisamos cancelar", "temos que cancelar", "moeten we annuleren",
	"moeten we afzeggen",
	/* someone had to: "Ryan tuvo que cancelar la entrevista" */
	"had to cancel", "has had to cancel", "tuvo que cancelar", "tuve que cancelar",
	"tuvimos que cancelar", "teve de cancelar", "teve que cancelar", "tivemos de cancelar",
	"a d\xc3\xbb annuler", "musste absagen", "musste das gespr\xc3\xa4\x63h absagen",
	/* the passive, as English "was cancelled" */
	"foi cancelada", "foi cancelado", "fue cancelada", "fue cancelado", "ha sido cancelada",
	"ha sido cancelado", "a \xc3\xa9t\xc3\xa9 annul\xc3\xa9", "a \xc3\xa9t\xc3\xa9 annul\xc3\xa9" "e",
	"wurde abgesagt", "ist abgesagt", "is geannuleerd", "werd geannuleerd",
	/* the verb that needs nobody ("das Gespr\xc3\xa4\x63h entf\xc3\xa4llt", "won't
	 * take place") */
	"entf\xc3\xa4llt", "entfallen", "f\xc3\xa4llt aus", "findet nicht statt",
	"nicht stattfinden", "n'aura pas lieu", "est annul\xc3\xa9", "est annul\xc3\xa9" "e",
	"queda cancelada", "queda cancelado", "vervalt", "gaat niet door",
	"\xc3\xa8 stato annullato", "\xc3\xa8 stata annullata", "non avr\xc3\xa0 luogo",
	/* Italian, Polish */
	"costretti ad annullare", "costretti a annullare", "dobbiamo annullare", "dobbiamo disdire",
	"\xc3\xa8 stato annullato", "musimy odwo\xc5\x82" "a\xc4\x87", "musimy anulowa\xc4\x87", "zosta\xc5\x82o odwo\xc5\x82" "ane",
	"zosta\xc5\x82" "a odwo\xc5\x82" "ana",
);

/* Before an offer phrase, words that make it no offer ("before we make
 * you an offer", "unable to offer you"). */
LEXICON(offer_hedges,
	"before", "if", "whether", "unable", "not able", "cannot", "can't", "won't", "not",
);

/* Strong signs a mail or invite is about a job interview (whole words). */
LEXICON(interview_words,
	"interview", "interviews", "interviewing", "phone screen", "phone screening",
	"screening call", "screening interview", "technical screen", "tech screen",
	"recruiter call", "recruiter screen", "hiring manager", "onsite", "on-site",
	"final round", "coding challenge", "coding exercise", "take-home", "pair programming",
	"culture fit", "assessment centre", "assessment center", "meet the team",
	/* an academic search: the candidate's visit and talks */
	"campus visit", "campus interview", "job talk", "chalk talk",
	/* Indian English: a walk-in drive, a face-to-face (F2F) round */
	"walk-in drive", "walk-in interview", "walk in drive", "hiring drive", "f2f",
	"face to face round", "technical round", "hr round", "techno-managerial round",
	"managerial round", "hr discussion", "hr interaction",
	"intervju", "entretien", "haastattelu", "vorstellungsgespr", "entrevue", "entrevues",
	/* Polish */
	"rozmowa kwalifikacyjna", "rozmow\xc4\x99 kwalifikacyjn\xc4\x85", "rozmowy kwalifikacyjnej",
	"rozmowie kwalifikacyjnej", "rozmowa rekrutacyjna", "rozmow\xc4\x99 rekrutacyjn\xc4\x85",
);

/* Interview words in other languages, matched as word starts: inflected
 * forms ("Vorstellungsgespräch", "haastatteluun") must not break them. */
LEXICON(interview_stems,
	"vorstellungsgespr", "bewerbungsgespr", "entretien", "entrevue", "intervju", "haastattel",
	"entrevista", "colloquio", "sollicitatiegesprek", "sollicitatie", "rekrytointi",
	"anst\xc3\xa4llningsintervju", "jobinterview", "telefoninterview", "videointerview",
	"kennenlerngespr", "zweitgespr", "erstgespr", "kennismakingsgesprek",
	/* Danish, Norwegian, Czech */
	"jobsamtale", "ans\xc3\xa6ttelsessamtale", "jobbintervju", "pohovor",
	/* Indonesian, Malay */
	"wawancara", "temuduga", "temu duga",
);

/* Interview stems that name any first meeting, not only a job's ("ein
 * Kennenlerngespräch" at a day nursery, an "Erstgespräch" with a
 * therapist): an interview word only in a mail about a job. */
/* A sentence that speaks of an interview as a later stage, not this
 * mail's ("Candidates who pass the written exam may be invited to an
 * interview at a later date"). */
LEXICON(later_stage,
	"may be invited", "might be invited", "will then be invited", "at a later date",
	"at a later stage", "candidates who pass", "candidates who are successful",
	"successful candidates will", "if you pass", "if successful, you will",
	"pourraient \xc3\xaatre convoqu\xc3\xa9s", "ult\xc3\xa9rieurement",
	"zu einem sp\xc3\xa4teren zeitpunkt", "en una fase posterior", "posteriormente",
	"in een later stadium",
);

/* The end of a meeting said in words before its time ("we expect it to
 * finish by 3.45pm", "endet gegen 16 Uhr"). */
LEXICON(meeting_ends,
	"finish", "finishes", "finishing", "end", "ends", "ending", "conclude", "concludes",
	"concluding", "wrap up", "wraps up", "wrapping up", "be done", "be over", "endet", "enden",
	"termine", "terminera", "terminar", "terminar\xc3\xa1", "termina", "eindigt", "afgerond",
);

/* A sentence about what is behind the user ("Thank you for your time
 * with Sunil and me last week"). */
LEXICON(behind_user,
	"thank you for", "thanks for", "last week", "yesterday", "earlier this week",
	"the other day", "merci pour", "merci de", "gracias por", "obrigado", "obrigada",
	"danke f\xc3\xbcr", "bedankt voor", "dank voor", "la semaine derni\xc3\xa8re",
	"la semana pasada", "letzte woche", "vorige week", "semana passada",
);

LEXICON(interview_stems_general,
	"kennenlerngespr", "erstgespr", "kennismakingsgesprek",
);

/* Words that place a mail in a job search. */
LEXICON(job_words,
	"application", "applied", "applying", "position", "role", "candidate",
	"candidacy", "recruiter", "recruiting", "recruitment", "hiring", "job",
	"vacancy", "opening", "talent acquisition", "resume", "cv", "next steps",
	"references", "referees", "reference check", "offer", "onsite", "take-home",
	/* German, French, Spanish, Portuguese, Dutch */
	"bewerbung", "stelle", "bewerbungsprozess", "candidature", "poste", "recrutement",
	"candidatura", "puesto", "vacante", "proceso de selecci\xc3\xb3n", "vaga",
	"processo seletivo", "recrutamento", "sollicitatie", "functie", "vacature",
	"selectie", "rekrutering", "werving", "kandidaat", "kandidatuur", "sollicitant",
	"bewerber", "bewerberin", "candidat", "candidato", "candidata",
	/* Italian, Polish */
	"posizione", "selezione", "ruolo", "offerta di lavoro", "stanowisko", "stanowiska",
	"rekrutacja", "rekrutacji", "kandydatura", "kandydatur\xc4\x99", "kandydatur\xc4\x85", "oferta pracy",
	/* the titles of people who hire */
	"talent partner", "talent lead", "head of talent", "talent team", "people partner",
	"posi\xc3\xa7\xc3\xa3o", "cargo", "rol",
	/* Swedish, Danish, Czech (cheap: the nouns of a job and an application) */
	"rollen", "tj\xc3\xa4nsten", "ans\xc3\xb6kan", "stillingen", "stilling",
	"ans\xc3\xb8gning", "pozice", "pozici", "v\xc3\xbd" "b\xc4\x9brov\xc3\xa9 \xc5\x99\xc3\xadzen\xc3\xad",
);

/* A rejection: "we will not be moving forward", "regret to inform". */
LEXICON(rejection_phrases,
	/* Indonesian and Malay: "kami belum dapat melanjutkan proses rekrutmen
	 * Ibu", "permohonan anda tidak berjaya" */
	"belum dapat melanjutkan", "tidak dapat melanjutkan", "tidak dapat meneruskan",
	"tidak berjaya", "tidak dapat diteruskan",
	"not to move forward", "not be moving forward", "not moving forward",
	"won't be moving forward", "will not be moving forward", "not to proceed",
	"not be proceeding", "decided to proceed with other", "move forward with other candidates",
	"moving forward with other candidates", "proceed with other candidates",
	"pursue other candidates", "decided to pursue", "regret to inform",
	"not been selected", "were not selected", "have not been successful",
	"not successful on this occasion", "unsuccessful on this occasion",
	"will not be progressing", "not be progressing", "not to progress",
	"no longer under consideration", "no longer being considered",
	"unable to offer you", "position has been filled", "role has been filled",
	"decided not to move forward", "closer match", "better match for",
	"more closely match", "not a fit at this time", "unfortunately, we will not",
	"unfortunately we will not", "we have decided to go with another",
	"gone with another candidate", "chosen another candidate",
	"selected another candidate", "not be offering you",
	"won't be moving ahead", "will not be moving ahead", "not be moving ahead",
	"not moving ahead", "went with someone", "gone with someone", "go with someone else",
	"going with someone else", "decided to go with someone", "hired someone else",
	"decided to go with another", "gone with another applicant",
	/* the post filled from inside, or not at all ("they've decided not
	 * to go ahead with an external hire ... chosen to promote from
	 * within") */
	"decided not to go ahead with", "promote from within", "chosen to promote",
	"decided to promote", "fill the role internally", "fill the position internally",
	"filled internally", "decided not to fill", "decided not to hire",
	/* an offer taken back: "we have to rescind the offer we extended to you" */
	"rescind the offer", "rescind your offer", "rescind our offer", "rescinding the offer",
	"rescinding your offer", "offer has been rescinded", "withdraw the offer", "withdraw our offer",
	"withdraw your offer", "withdrawing the offer", "withdrawing our offer", "offer has been withdrawn",
	"retirer notre offre", "retirer l'offre", "retirar la oferta", "retirar nuestra oferta",
	"retirar a oferta", "retirar a proposta", "angebot zur\xc3\xbc" "ckziehen", "aanbod intrekken",
	"aanbod in te trekken",
	/* a public body's status notice: "Status: Not Selected", "Another
	 * applicant was selected for this position" */
	"status: not selected", "another applicant was selected", "another candidate was selected",
	/* the same in other persons and tenses, and British usage */
	"has not been successful", "was not successful", "were not successful",
	"has been unsuccessful", "have been unsuccessful", "was unsuccessful",
	"decided not to offer", "not to offer you", "go with an internal candidate",
	"gone with an internal candidate", "going with an internal candidate",
	"appointed an internal candidate", "not the news you were hoping",
	"not the news we were hoping", "not the news we wanted", "not the news you wanted",
	/* German, French, Spanish, Portuguese, Dutch */
	"f\xc3\xbcr eine andere kandidatin entschieden",
	"f\xc3\xbcr einen anderen kandidaten entschieden",
	"f\xc3\xbcr eine andere bewerberin entschieden",
	"f\xc3\xbcr einen anderen bewerber entschieden",
	"f\xc3\xbcr andere kandidaten entschieden", "nicht weiter ber\xc3\xbc" "cksichtigen",
	"nicht ber\xc3\xbc" "cksichtigen k\xc3\xb6nnen", "ihnen eine absage",
	"keine positive r\xc3\xbc" "ckmeldung", "pas \xc3\xa9t\xc3\xa9 retenue",
	"pas \xc3\xa9t\xc3\xa9 retenu", "pas retenu votre candidature", "ne pas donner suite",
	"pas donner une suite favorable", "de ne pas poursuivre",
	"no continuar con tu proceso", "no continuar con su proceso",
	/* "regret to inform" in the other languages (lex_rej_regret) */
	"lamentamos informarle", "lamentamos informarte", "lamentamos comunicarle",
	"lamentamos comunicarte", "lamentamos informar que", "lamentamos comunicar que",
	"nous avons le regret de vous informer", "nous regrettons de vous informer",
	"bedauern, ihnen mitteilen zu m\xc3\xbcssen", "bedauern, dir mitteilen zu m\xc3\xbcssen",
	"helaas moeten wij je mededelen", "helaas moeten wij u mededelen",
	"helaas moeten we je mededelen", "helaas moeten we u mededelen",
	"no continuaremos con su", "no continuaremos con tu", "optamos por otro candidato",
	"optamos por otra candidata", "optamos por un perfil",
	"no seguir adelante con tu", "no seguir adelante con su",
	"no has sido seleccionado", "no has sido seleccionada",
	"no ha sido seleccionado", "no ha sido seleccionada",
	"n\xc3\xa3o seguir com a sua candidatura", "n\xc3\xa3o seguir com sua candidatura",
	"n\xc3\xa3o foi selecionado", "n\xc3\xa3o foi selecionada", "seguir com outro candidato",
	"seguir com outra candidata", "n\xc3\xa3o vamos avan\xc3\xa7" "ar",
	"n\xc3\xa3o avan\xc3\xa7" "aremos",
	"niet verder met je", "niet verder met u", "niet door naar de volgende",
	"gekozen voor een andere",
	/* not asked to the next round: "we je niet uitnodigen voor de tweede
	 * ronde", "we will not be inviting you to the next stage" */
	"je niet uitnodigen voor", "u niet uitnodigen voor", "not be inviting you",
	"je niet uit te nodigen", "u niet uit te nodigen",
	"helaas moeten we je laten weten", "helaas moeten wij je laten weten",
	"helaas moeten we u laten weten", "helaas moeten wij u laten weten",
	/* passing on the user, the job given elsewhere */
	"pass on your application", "pass on your candidacy", "decided to pass",
	"going to pass on", "pass on moving forward", "anderweitig besetzt", "anderweitig vergeben",
	"anderweitig entschieden", "stelle mit jemandem zu besetzen",
	"stelle mit jemand anderem", "position mit jemandem zu besetzen",
);

/* Regret said before the news, whatever the news is: a rejection's, or
 * a cancellation's ("Lamentamos informar que a entrevista agendada ...
 * foi cancelada"). */
LEXICON(rej_regret,
	"regret to inform", "lamentamos informarle", "lamentamos informarte",
	"lamentamos comunicarle", "lamentamos comunicarte", "lamentamos informar que",
	"lamentamos comunicar que", "nous avons le regret de vous informer",
	"nous regrettons de vous informer", "bedauern, ihnen mitteilen zu m\xc3\xbcssen",
	"bedauern, dir mitteilen zu m\xc3\xbcssen", "helaas moeten wij je mededelen",
	"helaas moeten wij u mededelen", "helaas moeten we je mededelen",
	"helaas moeten we u mededelen",
);

/* An offer, unless hedged ("before we make you an offer"). */
LEXICON(offer_phrases,
	"pleased to offer you", "happy to offer you", "delighted to offer you",
	"excited to offer you", "thrilled to offer you", "like to offer you",
	"offer you the position", "offer you the role", "offer letter", "letter of offer",
	"extend an offer", "extend you an offer", "extending an offer",
	"offer of employment", "pleased to make you an offer", "make you an offer",
	/* British public sector and schools: "a conditional offer of
	 * appointment to the post of Head of Science" */
	"offer of appointment", "conditional offer", "offer you the post",
	/* Indian English: the choice made, the offer to follow ("you have
	 * been selected for the position of Deputy Manager") */
	"selected for the position", "selected for the role", "selected for the post",
	/* German, French, Spanish, Portuguese, Dutch */
	"ihnen die stelle anbieten", "ihnen die position anbieten", "ihnen ein angebot",
	"vertragsangebot", "vous proposer le poste", "vous offrir le poste",
	"promesse d'embauche", "proposition d'embauche", "proposition de contrat",
	"lettre d'offre", "ofrecerte el puesto", "ofrecerle el puesto", "oferta formal",
	"oferecer a vaga", "oferecer-lhe a vaga", "proposta formal", "carta oferta",
	"carta proposta", "bieden we je de functie", "bieden wij je de functie",
	"bieden we u de functie", "bieden wij u de functie", "arbeidsvoorwaardenvoorstel",
	/* the job given by its joining: "queremos que te unas a Trébol como
	 * Lead Data Scientist", "we'd like you to join us as" */
	"carta de oferta", "queremos que te unas", "queremos que se una", "queremos contar contigo",
	"queremos contar con usted", "nos encantar\xc3\xad\x61 que te unieras",
	"we would like you to join", "we'd like you to join", "we want you to join",
	"nous souhaitons vous accueillir", "wir m\xc3\xb6\x63hten dich in unserem team",
	"wir m\xc3\xb6\x63hten sie in unserem team", "queremos que voc\xc3\xaa se junte",
);

/* Only an offer when the mail does not also set up an interview. */
LEXICON(offer_weak,
	"job offer", "verbal offer", "formal offer", "written offer", "your offer",
	/* German, French, Spanish, Portuguese, Dutch */
	"angebot", "offre d'emploi", "oferta de empleo", "proposta de emprego", "aanbod",
);

/* An application receipt. */
LEXICON(receipt_phrases,
	"received your application", "receipt of your application",
	"thank you for applying", "thanks for applying", "thank you for your application",
	"thanks for your application", "application has been received",
	"application was received", "application has been submitted",
	"application was submitted", "application received", "successfully applied",
	"successfully submitted", "we got your application",
	"application is under review", "review your application",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"ihre bewerbung erhalten", "deine bewerbung erhalten", "eingang ihrer bewerbung",
	"eingang deiner bewerbung", "bien re\xc3\xa7u votre candidature", "bien re\xc3\xa7u ta candidature",
	"hemos recibido tu candidatura", "hemos recibido su candidatura", "recebemos sua candidatura",
	"recebemos a sua candidatura", "je sollicitatie ontvangen", "uw sollicitatie ontvangen",
	"abbiamo ricevuto la sua candidatura", "abbiamo ricevuto la tua candidatura",
	"otrzymali\xc5\x9bmy twoj\xc4\x85 aplikacj\xc4\x99", "otrzymali\xc5\x9bmy pani aplikacj\xc4\x99", "otrzymali\xc5\x9bmy twoje cv",
);

/* A job alert or job board digest. */
LEXICON(alert_phrases,
	"job alert", "jobs you may be interested", "jobs you might be interested",
	"new jobs for you", "recommended jobs", "jobs matching", "jobs that match",
	"job recommendations", "new job matches", "jobs based on your",
	"similar jobs", "top job picks", "apply now to", "easy apply",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"jobs f\xc3\xbcr dich", "jobs f\xc3\xbcr sie", "neue jobs", "passende jobs", "jobempfehlungen",
	"offres d'emploi pour vous", "alerte emploi", "nouvelles offres", "ofertas de empleo para ti",
	"alerta de empleo", "vagas para voc\xc3\xaa", "alerta de vagas", "vacatures voor jou",
	"vacaturealert", "nieuwe vacatures", "offerte di lavoro per te", "nuove offerte di lavoro",
	"oferty pracy dla ciebie", "nowe oferty pracy",
);

/* Marketing footers.  Not "you are receiving this email because": every
 * Google Calendar invitation and many ATS mails say that. */
LEXICON(bulk_phrases,
	"unsubscribe", "view in browser", "view this email in your browser",
	"manage your email preferences", "email preferences", "manage preferences",
	"newsletter", "update your preferences",
);

/* The writer says no job is open or being filled, or that the meeting is
 * no part of any hiring ("we don't have any openings right now, and this
 * isn't part of a hiring process"): a conversation for information or
 * company, not an interview.  "Not a formal interview, more of a chat" is
 * no such word: it is how many a first interview is put. */
LEXICON(no_opening,
	"don't have any openings", "do not have any openings", "don't have any open roles",
	"don't have anything open", "do not have anything open", "have no openings",
	"have no open roles", "have no open positions", "no openings on my team",
	"not hiring right now", "not hiring at the moment", "not currently hiring",
	"isn't part of a hiring process", "is not part of a hiring process",
	"isn't part of any hiring process", "not part of any hiring process",
	"not involved in hiring", "isn't an interview in any sense",
	"not an interview in any sense", "this isn't an interview", "this is not an interview",
	"not a job interview", "purely informational", "no es una entrevista",
	"ce n'est pas un entretien", "kein vorstellungsgespr\xc3\xa4\x63h",
	"geen sollicitatiegesprek", "n\xc3\xa3o \xc3\xa9 uma entrevista",
);

/* Not an interview even when the word is there. */
LEXICON(event_not_interview,
	"webinar", "workshop", "meetup", "conference talk", "live stream",
	"livestream", "masterclass", "info session", "information session",
	"career fair", "office hours", "dentist", "dental", "appointment with dr",
	"seminar", "panel discussion", "fireside chat", "save your seat",
	/* a mentor's session, the user the mentor */
	"mentee", "mentoring session", "mentor session",
	/* a school's or a university's admission: a pupil's, a student's */
	"admissions interview", "admission interview", "admissions assessment",
	"entrance interview", "family interview", "school admission", "school admissions",
	/* a child's place: "Enrolment interview (agallamh) ... Dear parents" */
	"enrolment interview", "enrollment interview", "dear parents", "a thuismitheoir\xc3\xad",
	"dear mr and mrs", "at least one parent", "parent or guardian", "parents or guardians",
	"parent/guardian", "parents/guardians",
	/* a state's service to the user: citizenship, a visa, a passport */
	"citizenship appointment", "citizenship interview", "citizenship test",
	"naturalisation interview", "naturalization interview", "visa interview",
	"visa appointment", "immigration interview", "biometrics appointment",
	"passport appointment", "passport interview",
	/* a conversation for information, as an "informational interview" */
	"informational chat", "informational call", "informational conversation",
	"informational meeting", "informational coffee",
	"reserve your spot", "reserve your seat", "register now", "mock interview",
	/* a registration for an event */
	"you're registered", "you are registered", "thank you for registering",
	"thanks for registering", "registration confirmed", "cancel your registration",
	/* a customer's research session: the user as a user, not a candidate */
	"user interview", "user research", "usability test", "usability session", "research session",
	/* a study's participant: a researcher interviews the user for data */
	"research interview", "research study", "participate in our study", "participate in this study",
	"participating in our study", "participation in our study", "study participant", "irb #",
	"irb protocol", "irb approval",
	"simula\xc3\xa7\xc3\xa3o de entrevista", "simula\xc3\xa7\xc3\xb5\x65s de entrevista", "simulacro de entrevista",
	/* the user's own job reviewed with their manager ("entrevista de
	 * evaluaci\xc3\xb3n del desempe\xc3\xb1o", "Mitarbeitergespr\xc3\xa4\x63h") */
	"performance review", "performance appraisal", "annual review", "appraisal meeting",
	"mitarbeitergespr\xc3\xa4\x63h", "jahresgespr\xc3\xa4\x63h", "entretien annuel",
	"entretien d'\xc3\xa9valuation", "entretien professionnel", "evaluaci\xc3\xb3n del desempe\xc3\xb1o",
	"evaluaci\xc3\xb3n de desempe\xc3\xb1o", "avalia\xc3\xa7\xc3\xa3o de desempenho",
	"avalia\xc3\xa7\xc3\xa3o do desempenho", "functioneringsgesprek", "beoordelingsgesprek",
	/* a course the user takes: its lessons practise interviewing */
	"the course", "this course", "your course", "lesson 1", "bootcamp", "cursus", "les 1",
	"kursbeginn", "le cours", "el curso", "o curso",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"webinaire", "infoveranstaltung", "karrieremesse", "jobmesse", "salon de l'emploi",
	"forum emploi", "feria de empleo", "seminario web", "feira de carreiras", "banenbeurs",
	"fiera del lavoro", "targi pracy", "webinarium", "inscrivez-vous", "jetzt anmelden",
	"inscr\xc3\xad" "bete", "inscreva-se", "iscriviti", "zapisz si\xc4\x99",
);

/* A participant is paid for the session (a user study's voucher): a
 * candidate never is.  Read in the subject and the event's summary. */
LEXICON(participant_pay,
	"voucher", "gift card", "giftcard", "gutschein", "incentive", "bon d'achat",
	"carte cadeau", "tarjeta regalo", "cheque regalo", "vale-presente", "cart\xc3\xa3o-presente",
	"cadeaubon", "cadeaukaart", "buono regalo",
);

/* A cause given in a sentence ("..., weil Frau Zbinden an einem Workshop
 * teilnehmen muss"; the German ", da" is read in code: "da" alone is
 * "there", and "of the" in Portuguese): an event named after it is the
 * reason for something else, not what the mail sets up. */
/* The candidate's own parts of a hiring visit: a seminar in a sentence
 * with one of these is the candidate's talk ("Job talk - departmental
 * seminar"), no event of its own. */
LEXICON(visit_talks,
	"job talk", "chalk talk", "teaching demonstration", "teaching demo",
);

LEXICON(cause_words,
	"because", "due to", "weil", "wegen", "denn", "parce que", "en raison", "porque",
	"debido", "puisque", "omdat", "aangezien", "vanwege", "perch\xc3\xa9", "poich\xc3\xa9",
	"dato che", "a causa",
);

/* A group of companies or a legal form: a title's brackets that hold one
 * name the employer, not the job ("Responsable Reporting (Groupe
 * Sodiver)"). */
LEXICON(company_group_words,
	"group", "groupe", "gruppe", "grupo", "gruppo", "groep", "holding", "gmbh", "ag", "sa",
	"ltd", "inc", "llc", "bv", "b.v.", "nv", "spa", "s.p.a.", "srl", "sarl", "plc",
);

/* What a mail is, as a subject names it after a title's dash ("Site
 * Reliability Engineer - Absage"): no part of the title. */
LEXICON(notice_words,
	"absage", "zusage", "einladung", "erinnerung", "best\xc3\xa4tigung", "invitation", "invite",
	"update", "reminder", "confirmation", "confirmed", "rejection", "offer", "angebot",
	"rappel", "convocation", "relance", "recordatorio", "confirmaci\xc3\xb3n", "invitaci\xc3\xb3n",
	"convite", "lembrete", "herinnering", "uitnodiging", "bevestiging", "invito", "promemoria",
	"next steps", "feedback", "follow-up", "follow up",
);

/* The time of an interview set before stays ("De tijd blijft hetzelfde
 * (maandag 4 januari, 10:00 uur)"): a reply that says so answers about it,
 * it sets no interview. */
LEXICON(time_kept,
	"stays the same", "remains the same", "remain the same", "stay the same", "unchanged",
	"stays exactly the same", "remains exactly the same", "stay exactly the same",
	"bleibt gleich", "bleibt unver\xc3\xa4ndert", "bleibt bestehen", "bleibt wie geplant",
	"bleiben gleich", "bleiben unver\xc3\xa4ndert", "blijft hetzelfde", "blijft gelijk",
	"blijft staan", "blijft ongewijzigd", "reste inchang\xc3\xa9", "reste la m\xc3\xaame",
	"restent inchang\xc3\xa9s", "sigue igual", "se mantiene", "sigue siendo la misma",
	"continua igual", "mant\xc3\xa9m-se", "permanece", "rimane invariato", "resta invariato",
	"rimane lo stesso", "resta lo stesso",
	/* "L'entretien du jeudi 22 avril à 10h30 est maintenu, avec les
	 * changements suivants" */
	"est maintenu", "est maintenue", "sont maintenus", "remains as scheduled",
	"remains scheduled", "still stands", "wird beibehalten", "blijft gepland", "continua marcada", "continua marcado",
	/* the rest of the interview stays: "Nothing else changes - still
	 * 9:00-10:00 AM CT" */
	"nothing else changes", "nothing else has changed", "nothing else will change",
	"everything else stays", "everything else remains", "alles andere bleibt",
	"le reste ne change pas", "todo lo dem\xc3\xa1s sigue igual", "o resto mant\xc3\xa9m-se",
	"de rest blijft",
);

/* The time of a meeting by name, for lex_time_kept's sentence ("the link
 * remains the same" keeps no time). */
LEXICON(time_nouns,
	"time", "times", "timing", "schedule", "date", "zeit", "uhrzeit", "termin", "zeitpunkt",
	"datum", "tijd", "tijdstip", "heure", "horaire", "date", "hora", "horario",
	"hor\xc3\xa1rio", "fecha", "data", "orario", "ora", "start", "beginn", "d\xc3\xa9" "but",
	"inicio", "in\xc3\xad" "cio", "inizio",
);

/* The user's own application named in a subject ("Your application to
 * Senior Backend Engineer at Finoro"): a notice about it, whoever relays
 * it. */
LEXICON(your_application,
	"your application", "your candidacy", "ihre bewerbung", "deine bewerbung",
	"votre candidature", "ta candidature", "su candidatura", "tu candidatura",
	"sua candidatura", "tua candidatura", "je sollicitatie", "uw sollicitatie",
	"la sua candidatura", "la tua candidatura",
);

/* ---- the user's own side of the table ---- */

/* Subject starts of an automatic answer (RFC 3834 mail that says so in
 * its words, not its headers). */
LEXICON(auto_reply_subjects,
	"automatic reply", "auto-reply", "autoreply", "auto reply", "auto-response",
	"out of office", "out of the office", "ooo:", "abwesenheitsnotiz",
	"automatische antwort", "r\xc3\xa9ponse automatique", "respuesta autom\xc3\xa1tica",
	"resposta autom\xc3\xa1tica", "automatisch antwoord", "autosvar",
	/* Italian, Polish, and more words for away */
	"risposta automatica", "fuori sede", "fuori ufficio", "automatyczna odpowied\xc5\xba", "poza biurem",
	"nicht im b\xc3\xbcro", "absence du bureau", "fuera de la oficina", "ausente", "afwezig",
);

/* Labels before the person who hosts or organises a meeting. */
LEXICON(host_labels,
	"host", "hosted by", "organizer", "organiser", "organized by", "organised by",
	"gastgeber", "organisateur", "organizador",
);

/* Labels before the people who interview: the user among them is on the
 * panel. */
LEXICON(interviewer_labels,
	"interviewer", "interviewers", "interview panel", "panel", "panelists",
	"panellists", "interviewer(s)",
);

/* The word for the person being interviewed, before a name. */
LEXICON(candidate_words,
	"candidate", "candidate name", "candidat", "candidate's name", "kandidat",
	"kandidatin", "bewerber", "bewerberin", "candidato", "candidata", "kandidaat",
);

/* The tools and duties of an interviewer: nobody sends them to the
 * person interviewed. */
LEXICON(panel_duties,
	"scorecard", "scorecards", "interview kit", "interviewer guide", "as an interviewer",
	"as interviewer", "interviewer training", "rate the candidate", "evaluate the candidate",
	"assess the candidate",
	/* the user judges a competition or sits on a panel ("Thank you for
	 * agreeing to judge the semi-final round") */
	"agreeing to judge", "agreed to judge", "agreeing to serve as a judge",
	"agreed to serve as a judge", "co-judges", "fellow judges", "judges' briefing",
	"agreeing to sit on the panel", "agreed to sit on the panel", "agreeing to sit on our panel",
	"agreeing to serve on the panel", "agreeing to be on the panel",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"como entrevistador", "como entrevistadora", "als interviewer", "en tant qu'intervieweur",
	"bewertungsbogen", "grille d'\xc3\xa9valuation", "\xc3\xa9valuer le candidat", "\xc3\xa9valuer la candidate",
	"evaluar al candidato", "evaluar a la candidata", "avaliar o candidato", "avaliar a candidata",
	"beoordelingsformulier", "valutare il candidato", "valutare la candidata", "oceni\xc4\x87 kandydata",
	"oceni\xc4\x87 kandydatk\xc4\x99", "arkusz oceny",
	/* the writer is the candidate, the user the one who shortlisted them
	 * ("Thank you for shortlisting me ... I confirm that I will be
	 * available for the interview"): the writer's own words only, a quoted
	 * mail is no part of the prose these are sought in */
	"for shortlisting me", "for short-listing me", "for shortlisting my application",
	"for inviting me to interview", "for inviting me to an interview",
	"for inviting me for an interview", "for inviting me for interview",
	"for inviting me to the interview", "for the invitation to interview",
	"f\xc3\xbcr die einladung zum vorstellungsgespr\xc3\xa4" "ch",
	"pour l'invitation \xc3\xa0 l'entretien", "por la invitaci\xc3\xb3n a la entrevista",
	"pelo convite para a entrevista", "voor de uitnodiging voor het sollicitatiegesprek",
	/* the user is a reference for someone else: they assess the candidate */
	"listed you as a reference", "named you as a reference", "gave your name as a reference",
	"provided your name as a reference", "listed you as a referee", "named you as a referee",
	"you as one of their references", "you as one of his references",
	"you as one of her references", "je opgegeven als referentie", "u opgegeven als referentie",
	/* whatever the verb ("has given your name as a referee") */
	"your name as a referee", "your name as a reference", "your details as a referee",
	"your details as a reference", "you as a referee", "you as her referee",
	"you as his referee", "you as their referee",
	/* thanked for being one ("Thanks for agreeing to act as a referee for
	 * Sarah Lim") */
	"agreeing to act as a referee", "agreed to act as a referee", "agreeing to be a referee",
	"agreed to be a referee", "agreeing to act as a reference", "agreed to act as a reference",
	"agreeing to be a reference", "agreed to be a reference", "acting as a referee for",
	"acting as a reference for", "serve as a reference", "serve as a referee",
	"serving as a reference", "serving as a referee",
	"vous a indiqu\xc3\xa9 comme r\xc3\xa9\x66\xc3\xa9rence", "vous a cit\xc3\xa9 comme r\xc3\xa9\x66\xc3\xa9rence",
	"sie als referenz", "dich als referenz", "te indic\xc3\xb3 como referencia",
	"lo indic\xc3\xb3 como referencia", "a indicou como refer\xc3\xaancia",
	"o indicou como refer\xc3\xaancia",
);

/* In a subject or an event's title: a meeting of the panel about a
 * candidate. */
LEXICON(panel_meetings,
	"debrief", "debriefing", "hiring committee", "calibration", "scorecard",
);

/* The user interviewed by the press: the wording of media. */
LEXICON(media_words,
	"podcast", "episode", "journalist", "reporter", "our readers", "our listeners",
	"article", "magazine", "publication", "newsroom", "editor", "for a story",
	"for a piece", "feature story", "on the record", "our show", "the show",
	"newspaper", "radio", "documentary", "blog post", "producer", "on air", "on-air",
	"our host", "broadcast", "our viewers", "segment", "interviewed on",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"journalistin", "journaliste", "periodista", "jornalista", "giornalista", "dziennikarz",
	"dziennikarka", "artikel", "art\xc3\xad" "culo", "artigo", "articolo", "artyku\xc5\x82", "zeitung",
	"zeitschrift", "revista", "krant", "tijdschrift", "rivista", "gazeta", "reportage",
	/* an editor, a newsroom, a publication and its quotes */
	"redaktion", "redaktor", "redaktorin", "redakteur", "redakteurin", "publikation",
	"hintergrundartikel", "fachartikel", "zitate", "zitieren", "r\xc3\xa9" "daction",
	"r\xc3\xa9" "dacteur", "r\xc3\xa9" "dactrice", "redacci\xc3\xb3n", "redactor", "redactora",
	"reda\xc3\xa7\xc3\xa3o", "redator", "redatora", "redactie", "redacteur", "redazione",
	"redattore", "redattrice",
);

/* Words that place a mail in the user's own job search, more than the
 * word "interview" alone does. */
LEXICON(job_strong,
	"application", "applied", "applying", "candidacy", "recruiter", "recruiting",
	"recruitment", "vacancy", "hiring manager", "hiring process", "talent acquisition",
	"your resume", "your cv", "job opening", "the position", "this position",
	"the role", "this role", "job offer",
);

/* A time asked for, not yet fixed: "what times work for you". */
LEXICON(availability_asks,
	"your availability", "are you available", "would you be available",
	"when are you available", "when you are available", "when would you be available",
	"what times work", "what time works", "which times work", "which time works",
	"times that work", "time that works", "which of these", "let me know which",
	"a few times", "some times that", "suggest a time", "propose a time",
	"pick a time", "book a time", "choose a time", "select a time", "time slots",
	/* a self-scheduling link: "grab whatever time works best on my calendar" */
	"grab a time", "grab a slot", "grab some time", "grab whatever time", "whatever time works",
	"minutes on my calendar", "a slot on my calendar",
	/* a first call put as a question: "Are you open to a quick call this week?" */
	"are you open to a", "would you be open to a",
	"whichever time works", "any time that works",
	"a few slots", "some slots", "which slot",
	/* Italian, Polish, the other languages, asks in other words */
	"la sua disponibilit\xc3\xa0", "la tua disponibilit\xc3\xa0", "le sue disponibilit\xc3\xa0",
	"pani dost\xc4\x99pno\xc5\x9b\xc4\x87", "pana dost\xc4\x99pno\xc5\x9b\xc4\x87", "twoj\xc4\x85 dost\xc4\x99pno\xc5\x9b\xc4\x87",
	"ihre verf\xc3\xbcgbarkeit", "deine verf\xc3\xbcgbarkeit", "wann passt es", "vos disponibilit\xc3\xa9s",
	"tes disponibilit\xc3\xa9s", "tu disponibilidad", "su disponibilidad", "sua disponibilidade",
	"tua disponibilidade", "je beschikbaarheid", "uw beschikbaarheid",
	"slots that work", "times that suit", "when suits you", "what suits you", "when works for you",
	"what works for you", "your options", "once i have your", "send me a few", "send me some",
	"send over a few", "send over some",
);

/* Words of confirming, right before an availability ask: the mail asks
 * to confirm the time it gives ("kindly confirm your availability"). */
LEXICON(confirm_words,
	"confirm", "best\xc3\xa4tigen", "best\xc3\xa4tige", "confirmer", "confirmez", "confirmes",
	"confirmar", "confirme", "confirma", "bevestigen", "bevestig", "confermare", "confermi",
);

/* In the sentence of an availability ask, words that make it a way out
 * of a time already set ("if that does not work, send your
 * availability"). */
LEXICON(availability_hedges,
	"if", "in case", "should", "otherwise", "unless",
	/* thanks for what was sent: no ask */
	"thanks for", "thank you for", "received your", "agradecemos", "agrade\xc3\xa7o",
	"obrigado pela", "obrigada pela", "gracias por", "merci pour", "danke f\xc3\xbcr", "bedankt voor",
);

/* The user's thanks for a conversation (a follow-up after an interview,
 * quoted in the answer to it): about the job the conversation was for. */
LEXICON(thanks_for_meeting,
	"thanks for the call", "thank you for the call", "thanks for the chat",
	"thank you for the chat", "thanks for the conversation", "thank you for the conversation",
	"thanks for your time today", "thank you for your time today", "thanks for meeting",
	"thank you for meeting", "danke f\xc3\xbcr das gespr\xc3\xa4\x63h", "merci pour l'\xc3\xa9\x63hange",
	"merci pour notre \xc3\xa9\x63hange", "gracias por la conversaci\xc3\xb3n", "gracias por la llamada",
	"obrigado pela conversa", "obrigada pela conversa", "bedankt voor het gesprek",
	"grazie per il colloquio", "grazie per la chiacchierata",
);

/* A time fixed: an appointment the mail confirms. */
LEXICON(time_confirmed,
	"confirmed", "is scheduled", "has been scheduled", "are scheduled",
	"have scheduled", "is booked", "has been booked", "is set for", "see you",
	/* in other words and languages */
	"lock in", "locked in", "let's do", "let's go with", "speak tomorrow", "talk tomorrow",
	"speak then", "talk then", "see you then", "i'll ring you", "i'll call you",
	"best\xc3\xa4tigt", "confirm\xc3\xa9", "confirmado", "confirmada", "bevestigd", "confermato",
	"confermo", "potwierdzam", "potwierdzone",
	/* "see you Thursday" in the other languages: lex_writer_farewells,
	 * read beside this list */
);

/* Agreement to a time, in a reply: the newest words take a time up
 * ("Thursday at 3 it is", "so that's Wed 16/12", "works for us").  Read
 * only with a time in those words, in a job thread. */
LEXICON(time_agreed,
	"it is", "that's", "that is", "works", "works for", "perfect", "great", "lovely",
	"sounds good", "blocked", "booked", "put you down", "pencilled", "penciled", "noted",
	"done", "agreed", "look forward", "looking forward", "see you", "confirmed",
	"passt", "gerne", "abgemacht", "notiert", "eingetragen", "parfait", "c'est not\xc3\xa9",
	"\xc3\xa7" "a marche", "entendu", "perfecto", "de acuerdo", "anotado", "perfeito",
	"combinado", "prima", "afgesproken", "genoteerd", "perfetto", "va bene",
	"\xc5\x9bwietnie", "pasuje", "zapisane", "det passer", "passar", "perfekt",
	"plat\xc3\xad", "domluveno",
	/* "see you Thursday" in the other languages: lex_writer_farewells,
	 * read beside this list */
);

/* Words that point back at what the reader proposed ("that's confirmed",
 * "it's booked", "see you then"): a confirmation of the proposal, not of
 * something else ("I confirmed receipt of your documents"). */
LEXICON(back_refs,
	"that", "that's", "it", "it's", "this", "then", "all set", "das", "c'est", "\xc3\xa7" "a",
	"est\xc3\xa1", "es", "dat", "het", "\xc3\xa8", "to", "det",
);

/* A choice put to the reader ("which works best?", "welcher Termin passt
 * Ihnen?"): in a question, slots are offered, not fixed. */
LEXICON(choice_words,
	"which", "works best", "prefer", "suits", "suit you", "welche", "welcher", "welchen",
	"quel", "quelle", "lequel", "laquelle", "cu\xc3\xa1l", "qual", "welke", "quale",
	"kt\xc3\xb3ry", "kt\xc3\xb3ra", "vilken", "hvilken", "hvilket", "kter\xc3\xbd",
	"kter\xc3\xa1",
);

/* A conversation, in the six languages: with a time set and a job named,
 * a conversation with the user is an interview whatever it is called
 * ("a video call with Dana", "Chat with Tom tomorrow").  Matched as
 * whole words, German compounds by their tail (see conversation_said). */
LEXICON(conversation_words,
	"call", "video call", "phone call", "chat", "conversation", "meeting", "catch-up",
	"gespr\xc3\xa4\x63h", "telefonat", "videocall", "appel", "visio", "visioconf\xc3\xa9rence",
	"\xc3\xa9\x63hange", "llamada", "videollamada", "reuni\xc3\xb3n", "conversaci\xc3\xb3n",
	"conversa", "chamada", "videochamada", "reuni\xc3\xa3o", "gesprek", "videogesprek",
	"belafspraak", "afspraak", "kennenlernen", "kennenzulernen", "google meet", "zoom call",
	"rendez-vous", "rencontre", "rencontrer",
	/* a round of the process: "your L2 round", "the HR round" */
	"round",
	"teams call",
	/* a meeting by its platform or its length: "45 mins on Teams", "30
	 * minutes with Mark" */
	"on teams", "via teams", "over teams", "on zoom", "via zoom", "over zoom", "zoom",
	"webex", "mins with", "minutes with", "min with",
	/* Italian, Polish */
	"videochiamata", "chiamata", "incontro", "rozmowa", "rozmow\xc4\x99", "spotkanie",
	"wideorozmowa", "rozmowy",
	/* a visit: the user comes to the writer */
	"come by", "come in", "come over", "drop by", "pop in", "pop by", "come to the office",
	"come into the office",
);

/* The meeting keeps its hour on the day it moves to ("Wednesday, same
 * time"): the hour is the interview's own, known before this mail. */
LEXICON(same_hour,
	"same time", "the same time", "same hour", "same slot", "same time slot",
	"m\xc3\xaame heure", "m\xc3\xaame horaire", "gleiche uhrzeit", "gleichen uhrzeit",
	"gleiche zeit", "gleichen zeit", "selben zeit", "selben uhrzeit", "misma hora",
	"mismo horario", "mesma hora", "mesmo hor\xc3\xa1rio", "zelfde tijd", "zelfde tijdstip",
	"hetzelfde tijdstip",
);

/* A move done, not asked or offered: its days are the old and the new,
 * not options to choose from. */
LEXICON(moved_done,
	"has been rescheduled", "have been rescheduled", "has been moved", "have been moved",
	"has been preponed", "has been postponed", "has been shifted", "stands rescheduled",
	"rescheduled to", "preponed to", "postponed to", "shifted to", "moved to",
	"will now take place", "will now be held", "verschoben auf", "verlegt auf",
	"report\xc3\xa9 au", "report\xc3\xa9" "e au", "reprogramada para", "reprogramado para",
	"remarcada para", "verplaatst naar",
);

/* Verbs of moving a meeting to another day, in the forms a sentence that
 * moves one uses ("could we move it to Thursday", "on décale à jeudi"). */
LEXICON(move_verbs,
	"move", "moved", "moving", "push", "pushed", "bump", "bumped", "shift", "shifted",
	"switch", "switched", "swap", "reschedule", "rescheduled", "verschieben", "verschoben",
	"verlegen", "verlegt", "d\xc3\xa9placer", "d\xc3\xa9plac\xc3\xa9", "d\xc3\xa9\x63\x61ler",
	"d\xc3\xa9\x63\x61l\xc3\xa9", "d\xc3\xa9\x63\x61le", "reporter", "report\xc3\xa9", "mover",
	"movemos", "movido", "cambiar", "cambiamos", "pasar", "pasamos", "mudar", "mudamos",
	"remarcar", "remarcamos", "verplaatsen", "verplaatst", "verzetten", "verzet",
);

/* Someone leaves the panel, named after these words ("Priyanka Rao
 * replaces Lisa Chen", "Marcus Webb will sit in for Danielle"). */
LEXICON(panel_out_before_name,
	"replaces", "will replace", "is replacing", "in place of", "instead of", "steps in for",
	"step in for", "stepping in for", "sit in for", "sitting in for", "covering for",
	"cover for", "ersetzt", "vertritt", "remplace", "\xc3\xa0 la place de", "reemplaza a",
	"en lugar de", "substitui", "no lugar de", "vervangt", "in plaats van",
);

/* ... or named before these ("Danielle is out on vacation", "Omar can't
 * join after all"). */
LEXICON(panel_out_after_name,
	"is out", "will be out", "is unavailable", "will be unavailable", "is away",
	"is on leave", "is off sick", "is sick", "can't join", "cannot join", "can no longer join",
	"won't be joining", "will not be joining", "is no longer joining", "won't be able to join",
	"will not be able to join", "is unable to join", "can't make it", "won't be able to make it",
	"has had to drop out", "has dropped out", "is no longer on the panel",
	"kann nicht teilnehmen", "ne pourra pas", "no podr\xc3\xa1", "kan niet",
);

/* The writer says they will not be in the interview they send ("I won't
 * be on the call, but please reach out to me"): the organiser only
 * arranges it. */
LEXICON(writer_absent,
	"i won't be on the call", "i will not be on the call", "i won't be on the interview",
	"i will not be on the interview", "i won't be in the interview", "i will not be in the interview",
	"i won't be joining the call", "i will not be joining the call", "i won't be joining the interview",
	"i won't be part of the interview", "i'm not on the call", "i am not on the call",
	"i won't be on the panel", "i will not be on the panel", "i won't be joining you",
	"i will not be joining you",
);

/* After a time asked for, the writer holds it already ("Could we see you
 * on Monday, 2-3pm? I've gone ahead and held that time"). */
LEXICON(time_held,
	"held that time", "held the time", "held that slot", "held the slot", "held it",
	"put a hold", "placed a hold", "pencilled", "penciled", "gone ahead and booked",
	"gone ahead and scheduled", "gone ahead and held", "gone ahead and sent",
);

/* The conversation is set, not proposed: "I've booked you in", "you're all
 * set for", "I'd like to confirm", "wie besprochen am". */
LEXICON(conversation_set,
	"confirmed", "confirm", "confirming", "booked", "all set", "is set for", "scheduled", "will call you",
	/* the user moved on to a round that has its time: "you have been
	 * shortlisted for Round 2 ... on Sunday the 18th at 9:30 AM" */
	"shortlisted for", "hosted by",
	/* its time said as a fact: "Your call with Dana ... is on Friday 11
	 * December at 10:00" */
	"is on", "will be on", "takes place", "will take place",
	/* agreed by phone or in a thread: "As discussed: tomorrow at 10 on
	 * Google Meet" */
	"as discussed", "as agreed", "as arranged", "as we discussed", "as we agreed",
	"wie besprochen", "comme convenu", "como acordado", "como combinado",
	"zoals besproken", "zoals afgesproken",
	/* the writer put it in their calendar */
	"on my calendar", "in my calendar", "in my diary", "on our calendar", "in our calendar",
	"best\xc3\xa4tigt", "best\xc3\xa4tigen", "best\xc3\xa4tige", "best\xc3\xa4tigung",
	"confirme", "confirmation", "confirmo", "confirma\xc3\xa7\xc3\xa3o", "confirmaci\xc3\xb3n",
	"bevestig", "bevestiging", "eingeplant", "eingetragen", "gebucht", "vereinbart",
	"confirm\xc3\xa9",
	"confirmer", "pr\xc3\xa9vu", "on te propose", "nous vous proposons", "je vous propose", "confirmado", "confirmada", "agendado", "agendada",
	"programado", "programada", "marcado", "marcada", "bevestigd", "bevestigen", "ingepland",
	/* invited to it: as firm as booked ("we nodigen je graag uit voor een
	 * gesprek", "wir laden Sie zu einem Gespräch ein") */
	"invite you", "inviting you", "invitation", "nodigen", "uitnodigen", "uitnodiging",
	"einladen", "einladung", "laden sie", "laden dich", "laden wir", "vous inviter",
	"vous invitons", "t'inviter", "te invitamos", "le invitamos", "convidamos", "convidar",
	"convite",
	/* Italian, Polish */
	"confermo", "confermato", "confermata", "conferma", "fissato", "fissata",
	"programmato", "programmata", "potwierdzam", "potwierdzone", "potwierdzona",
	"um\xc3\xb3wione", "um\xc3\xb3wiona", "zaplanowane", "zaplanowana",
	/* set by the writer: "let's do this Friday at 10" */
	"let's do", "let's say", "let's go with", "lock in", "locked in", "put us down",
	"put you down", "pencilled", "penciled",
	/* awaited: the writer looks forward to it */
	"looking forward to our", "look forward to our", "looking forward to speaking",
	"look forward to speaking", "freue mich auf unser", "freue mich auf das", "au plaisir de",
	"h\xc3\xa2te de", "con gusto hablamos", "ci sentiamo", "a presto", "tot dan",
	/* it takes place: the writer states a fact, proposes nothing */
	"takes place", "will take place", "will be held", "vindt plaats", "zal plaatsvinden",
	"plannen we", "staat gepland", "aura lieu", "se tiendra", "se d\xc3\xa9roulera",
	"findet statt", "wird stattfinden", "tendr\xc3\xa1 lugar", "se realizar\xc3\xa1",
	"ter\xc3\xa1 lugar", "decorrer\xc3\xa1",
	/* Indian English and Hinglish: "has been fixed", "fix ho gaya hai" */
	"been fixed", "is fixed", "fixed for", "fix ho gaya", "fix hai",
);

/* Before an interview word, whose interview it is: the writer's own ("my
 * final round interview") or the reader's ("your interview"). */
LEXICON(writer_own,
	"my", "i have", "i've got", "i got", "mein", "meine", "meinem", "mon", "ma", "mi",
	"meu", "minha", "mijn",
	/* "Tengo la entrevista final ma\xc3\xb1\x61na", "ich habe das Interview" */
	"tengo", "tenho", "ich habe", "ich hab", "j'ai", "ik heb", "ho il", "ho un",
);
LEXICON(reader_own,
	"your", "you", "you're", "ihr", "ihre", "ihrem", "ihren", "sie", "votre", "vous", "tu",
	"su", "te", "seu", "sua", "voc\xc3\xaa", "uw", "jouw",
);

/* Before a date or time: a deadline, not an appointment. */
LEXICON(deadline_leads,
	"by", "before", "until", "till", "due", "deadline", "than", "expires",
	"expiring", "closes", "latest",
	/* Dutch, German, French, Spanish, Portuguese */
	"uiterlijk", "tot", "sp\xc3\xa4testens", "avant", "jusqu'au", "d'ici", "antes",
	"hasta", "at\xc3\xa9",
);

/* Something is called off. */
LEXICON(cancel_words,
	"cancelled", "canceled", "cancellation", "cancel", "called off",
	"no longer take place", "no longer going ahead", "not go ahead", "not be going ahead",
	"not take place", "no longer go ahead",
	/* German, French, Spanish, Portuguese, Dutch */
	"abgesagt", "absagen", "entf\xc3\xa4llt", "annul\xc3\xa9", "annul\xc3\xa9" "e", "annuler",
	"annulation", "cancelada", "cancelado", "cancelar", "cancelaci\xc3\xb3n", "cancelamento",
	"geannuleerd", "annuleren", "afzeggen", "gaat niet door", "entfallen",
	"f\xc3\xa4llt aus", "findet nicht statt", "nicht stattfinden", "n'aura pas lieu", "vervalt",
	"non avr\xc3\xa0 luogo",
	/* Italian, Polish */
	"annullato", "annullata", "annullare", "annullamento", "disdetto", "disdire",
	"odwo\xc5\x82" "ane", "odwo\xc5\x82" "ana", "odwo\xc5\x82" "a\xc4\x87", "odwo\xc5\x82ujemy", "anulowane", "anulowana", "anulowa\xc4\x87",
);

/* A time moved.  Not a bare "reschedule": "if you need to reschedule" is in
 * every confirmation. */
LEXICON(resched_words,
	"rescheduled", "new time", "has been moved", "have been moved", "been changed",
	/* a change to the time set, said with "now": "the interview has been
	 * extended to 75 minutes and will now run from 14:00 to 15:15" */
	"will now run from", "will now start at", "will now take place", "will now be held",
	"has been extended to", "has been shortened to",
	"schedule update", "mudan\xc3\xa7\x61 de planos", "antecip\xc3\xa1mos", "antecipamos", "adi\xc3\xa1mos",
	"hemos adelantado", "adelantamos", "vorverlegt", "vervroegd",
	"change the schedule", "change of schedule", "change of interview schedule",
	"new slot", "new timing", "revised timing", "revised time", "updated time", "new schedule",
	"schedule change", "change the time", "change of the interview time",
	"time has changed", "updated invitation", "updated event", "change of time",
	"new date", "postponed", "invitation updated", "event updated",
	/* Indian English: moved earlier ("has been preponed to 03/03/2027") */
	"preponed", "has been shifted", "been shifted to",
	"moved your interview", "move your interview", "we need to reschedule",
	"we have to reschedule", "we had to reschedule", "we'd like to reschedule",
	"we would like to reschedule", "i need to reschedule", "i have to reschedule",
	"need to move your interview", "need to move the interview",
	/* a call pushed or bumped by its host ("need to push us to 1:30") */
	"push us to", "push it to", "push our call", "push the call", "bump us to",
	"move us to", "can we move to", "could we move to", "can we move it to",
	"can we push", "could we push", "moved the invite",
	"could we move it to", "move our call", "moved you to", "moving you to", "moved it to",
	"moved the interview to", "moved the call to", "moved us to", "move the interview to",
	"move our interview to", "move the call to", "push the interview", "push our interview",
	/* German, French, Spanish, Portuguese, Dutch */
	"verschoben", "verschieben", "verlegt", "neuer termin", "neuen termin",
	"d\xc3\xa9" "caler", "d\xc3\xa9" "cal\xc3\xa9", "d\xc3\xa9plac\xc3\xa9",
	"d\xc3\xa9plac\xc3\xa9" "e", "report\xc3\xa9", "report\xc3\xa9" "e", "nouvelle date",
	"nouvel horaire", "reprogramar", "reprogramada", "reprogramado", "nueva fecha",
	"nueva hora", "remarcar", "remarcada", "reagendar", "reagendada", "nova data",
	"novo hor\xc3\xa1rio", "verplaatst", "verplaatsen", "verzetten", "nieuwe datum",
	"nieuw tijdstip", "passou para", "mudou para", "foi adiada", "foi adiado",
	/* Portuguese in the first person plural ("pass\xc3\xa1mos a tua entrevista
	 * para ter\xc3\xa7a"), as the Spanish below */
	"pass\xc3\xa1mos", "passamos a tua", "passamos a sua", "mud\xc3\xa1mos", "alter\xc3\xa1mos",
	"remarc\xc3\xa1mos", "remarcamos", "reagend\xc3\xa1mos", "reagendamos",
	"pasa a las", "pas\xc3\xb3 a las", "se mueve a", "wurde auf", "auf den neuen",
	/* Spanish in the first person plural ("movimos tu entrevista al
	 * viernes"), a change of date or hour */
	"movimos", "hemos movido", "tuvimos que mover", "tenemos que mover", "cambiamos la fecha", "cambiamos la hora", "cambio de fecha",
	"cambio de hora", "cambio de horario",
	/* Hindi-English: "shift kar diya", "reschedule kar rahe hain"; and
	 * the English "shifted" of Indian mail */
	"shift kar", "reschedule kar", "shifted your interview", "shifted the interview",
	/* Italian, Polish */
	"spostato", "spostata", "spostare", "riprogrammato", "riprogrammata", "nuova data",
	"nuovo orario", "rinviato", "rinviata", "prze\xc5\x82o\xc5\xbcy\xc4\x87", "prze\xc5\x82o\xc5\xbcona",
	"prze\xc5\x82o\xc5\xbcone", "przesuni\xc4\x99ta", "przesuni\xc4\x99te", "nowy termin", "zmiana terminu",
	/* Swedish, Danish, Czech */
	"flyttar", "flyttat", "flyttas", "ny tid", "nya tiden", "flytter", "flyttet", "nyt tidspunkt",
	"ny dato", "p\xc5\x99" "esunuli", "p\xc5\x99" "esouv\xc3\xa1me", "nov\xc3\xbd term\xc3\xadn",
	/* a conversation moved, in any words: "I've moved your call" */
	"i've moved", "we've moved", "i have moved", "we have moved", "moved your", "moved our",
	"moved the call", "moved the interview", "pushed back", "shifted",
	/* not "move your": "if you need to move your interview" is in every
	 * confirmation; but the writer's own need is a move ("we need to move
	 * your panel interview"), and so is a change to it, named */
	"we need to move", "we have to move", "we'll need to move", "we will need to move",
	"i need to move", "i have to move", "i'll need to move", "change to your interview",
	"push your", "push our", "pushing your", "pushing our", "moving your", "moving our",
	"moving it to", "brought forward",
	/* a time or date changed, in words */
	/* nouns, not verbs: "si necesitas cambiar la fecha" is in every
	 * confirmation */
	"change of date", "mudan\xc3\xa7\x61 de hor\xc3\xa1rio",
	"changement d'horaire", "changement de date", "termin\xc3\xa4nderung", "cambio di orario",
	"cambio orario", "zmiana godziny",
);

/* A round of a process, named by its place. */
LEXICON(round_words,
	"first round", "second round", "third round", "final round", "next round", "1st round",
	"2nd round", "3rd round", "first-round", "second-round", "final-round",
);

/* The last stage of a process. */
LEXICON(final_phrases,
	"final round", "final interview", "final stage", "final-round", "last round",
	"last stage", "last interview", "final step", "final conversation",
	"final call", "superday", "last step",
	/* French, German, Spanish, Portuguese, Dutch, Italian, Polish */
	"dernier entretien", "entretien final", "derni\xc3\xa8re \xc3\xa9tape", "letzte runde",
	"letztes gespr\xc3\xa4\x63h", "finale runde", "finales gespr\xc3\xa4\x63h",
	"\xc3\xbaltima entrevista", "entrevista final", "\xc3\xbaltima etapa", "laatste ronde",
	"laatste gesprek", "eindgesprek", "ultimo colloquio", "colloquio finale", "ostatni etap",
	/* their inflections and other words for it */
	"finalen gespr\xc3\xa4\x63hsrunde", "finalen runde", "letzten runde", "finalrunde",
	"finalen gespr\xc3\xa4\x63h", "letzten gespr\xc3\xa4\x63h", "\xc3\xa9tape finale",
	"derni\xc3\xa8re entrevue", "entrevue finale", "ronda final", "etapa final", "fase final",
	"\xc3\xbaltima fase", "laatste fase", "eindronde",
);

/* ---- dates ---- */

/* A promise of news: "we will get back to you", "a decision". */
LEXICON(decision_words,
	"get back to you", "get back to", "hear back", "hear from us", "hear from me by",
	"an answer", "answer from us", "decision",
	"let you know", "update you", "be in touch", "follow up", "feedback",
	"respond", "reach out", "next steps", "outcome", "an update", "come back to you",
	"revert", "inform you",
	/* "Decisions will be communicated by 19 March", "We expect to let
	 * all candidates know ... by Friday 19 February" */
	"decisions", "be communicated", "notify you", "be notified", "candidates know",
	/* offers made are the decision: "We aim to make offers at the fair on
	 * Sunday 10 January" */
	"make offers", "making offers", "make an offer", "making an offer",
	/* a public body's word: "We anticipate making a selection by January 8" */
	"a selection", "selection decision", "final selection",
	/* the candidate told where they stand */
	"letting you know", "where you stand", "where they stand", "know where",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"r\xc3\xbc" "ckmeldung", "melden uns", "melde mich", "entscheidung", "bescheid", "retour",
	"reviendrons vers", "reviendra vers", "reviendrai vers", "reviens vers", "te dire si",
	"vous dire si", "tiendra au courant", "tiens au courant", "op de hoogte", "d\xc3\xa9" "cision", "tiendrons au courant", "respuesta",
	"decisi\xc3\xb3n", "volveremos", "te contaremos", "te informaremos", "retorno", "decis\xc3\xa3o",
	"daremos retorno", "informaremos", "terugkoppeling", "laten we je weten", "laat ik je weten",
	"hoort van ons", "hoor je van ons", "je hoort", "u hoort", "knoop doorhakken",
	"resultado", "resultados", "r\xc3\xa9sultat", "r\xc3\xa9sultats", "ergebnis", "resultaat",
	"comunicar-lhe uma decis\xc3\xa3o", "comunicados",
	"beslissing", "besluit", "uitsluitsel", "riscontro", "decisione", "faremo sapere", "ricontatteremo", "decyzj\xc4\x99", "decyzji", "decyzja",
	"odezwiemy", "damy zna\xc4\x87", "informacj\xc4\x99 zwrotn\xc4\x85",
);

/* Before a date a decision is promised by: "by Friday", "before 2 March". */
LEXICON(until,
	"no later than", "not later than", "by", "before", "on", "until",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish: the
	 * longer lead first ("bis zum" before "bis") */
	"bis sp\xc3\xa4testens", "bis zum", "bis", "sp\xc3\xa4testens", "avant le", "avant", "d'ici le", "d'ici",
	"a m\xc3\xa1s tardar el", "a m\xc3\xa1s tardar", "como m\xc3\xa1ximo el", "antes del", "antes de", "hasta el", "at\xc3\xa9 o dia", "at\xc3\xa9 dia", "at\xc3\xa9 o", "at\xc3\xa9", "uiterlijk",
	"voor", "v\xc3\xb3\xc3\xb3r", "entro il", "entro", "do",
);

/* A request to the user before a decision word: the date is the user's
 * answer's, no promise of news ("gib mir bitte bis Freitag Bescheid",
 * "te agradeceríamos una respuesta antes del martes 22"). */
LEXICON(user_asked,
	"gib mir", "gib uns", "geben sie mir", "geben sie uns", "gebt mir", "gebt uns", "sag mir",
	"sagen sie mir", "sagen sie uns", "laat me", "laat ons", "laat het me", "laat het ons",
	"let me know", "let us know", "faites-moi", "dites-moi", "fais-moi", "dis-moi",
	"av\xc3\xadsame", "av\xc3\xadsanos", "me avise", "nos avise", "me diga",
	"te agradecer\xc3\xad\x61mos", "le agradecer\xc3\xad\x61mos", "agradecer\xc3\xad\x61mos",
	"we would appreciate your", "we'd appreciate your", "please respond", "please reply",
	"wir bitten um", "wir bitten dich", "wir bitten sie", "merci de nous", "merci de me",
);

/* A group of people after a capitalised name ("Enterprise Integrations
 * team"): the name is the group's. */
/* The noun after a job title, which ends it ("Data Engineer role
 * tomorrow"); a name before it is the title's ("the Senior Bridge
 * Engineer - Major Crossings role").  lex_role_nouns, with a blank
 * before each and two more, finds a title before its noun. */
LEXICON(role_nouns_bare, "role", "position", "opening", "vacancy");

LEXICON(group_words,
	"team", "teams", "group", "department", "squad", "division", "tribe", "guild", "chapter", "crew",
);

/* A call by its medium, before the title in a subject ("Videocall
 * Product Designer"). */
LEXICON(call_media,
	"videocall", "videogesprek", "videollamada", "videochamada", "videoanruf",
);

/* " with " in the other languages, before the business a booking's
 * service is with ("Científico/a de datos con Energías del Nervión"). */
LEXICON(with_words,
	"con", "mit", "avec", "com", "met",
);

/* Before a span a decision is promised within: "within 3 days". */
LEXICON(within,
	"within", "in the next", "over the next", "in"
);

/* "business days", "working days". */
LEXICON(workdays,
	"business", "working"
);

/* ---- kinds by concept (detect_kind.c): what a rejection, an offer, an
 * invitation addressed to the user are made of, in every language of
 * the project (English, German, French, Spanish, Portuguese, Dutch,
 * Italian, Polish), in formal and familiar registers.  A concept holds
 * when parts of it meet in one sentence; no list is a set of whole
 * sentences.  Lists marked "stems" match at a word's start ("entschied"
 * finds "entschieden"), the others as whole words. ---- */

/* Negation, before a verb of going on ("we will not move forward", "ne
 * donnerons pas suite", "niet verder gaan", "non proseguiremo"). */
LEXICON(rej_negations,
	"not", "won't", "wont", "cannot", "can't", "unable", "no longer", "don't", "didn't",
	"wouldn't", "aren't", "isn't", "haven't", "shan't",
	"nicht", "nicht mehr", "kein", "keine", "keinen", "pas", "ne", "n'",   /* "plus" alone is "more" */
	"no", "ya no", "não", "nao", "niet", "geen", "non", "nie",
);

/* Verbs and nouns of going on with a candidate (stems). */
LEXICON(rej_proceed,
	"move forward", "moving forward", "move ahead", "moving ahead", "go ahead",
	/* "we won't be offering you the role on this occasion" */
	"offering you", "offer you",
	"going ahead", "proceed", "progress", "continu", "pursu", "advanc", "take your",
	"taking your",
	"weiter", "fortsetz", "fortf\xc3\xbchr", "fortzuf\xc3\xbchr", "ber\xc3\xbc" "cksichtig",
	"suite", "poursuiv", "donner suite", "reten", "seguimento", "seguito", "zusage", "avancer", "\xc3\xa9tape suivante",
	"seguir", "avanzar", "proseguir", "pr\xc3\xb3xima fase", "siguiente fase",
	"avan\xc3\xa7", "prossegu", "pr\xc3\xb3xima etapa",
	"verder", "voortzet", "door naar", "volgende ronde", "volgende fase",
	"prosegu", "proced", "procedere", "fase successiva",
	"kontynu", "dalej", "kolejn", "nast\xc4\x99pn",
	/* a fit denied: "we don't think it's the right fit" */
	"right fit", "good fit", "fit for", "right match", "strong match", "correspond", "encaj",
	"encaix", "corrispond", "pasuj",
);

/* Who decides, or what is decided on: the company's "we", the user's
 * application.  A rejection speaks of one of them. */
LEXICON(rej_anchors,
	"we", "we've", "we'll", "we're", "we'd", "our team", "the team", "the company",
	"team has", "team have", "committee has", "panel has",
	"your application", "your candidacy", "your candidature", "your profile",
	"wir", "uns", "unser", "ihre bewerbung", "deine bewerbung", "ihrer bewerbung",
	"deiner bewerbung", "ihre kandidatur", "nous", "notre", "votre candidature",
	"ta candidature", "votre profil", "ton profil", "on a choisi", "on a d\xc3\xa9\x63id\xc3\xa9",
	"on a retenu", "on a opt\xc3\xa9", "hemos", "nosotros", "decidimos",
	"tu candidatura", "su candidatura", "tu perfil", "su perfil", "n\xc3\xb3s", "sua candidatura",
	"tua candidatura", "seu perfil", "teu perfil", "a sua candidatura", "wij", "ons", "onze",
	"je sollicitatie", "uw sollicitatie", "jouw sollicitatie", "je kandidatuur", "abbiamo",
	"noi", "la sua candidatura", "la tua candidatura", "il suo profilo", "il tuo profilo",
	"my", "postanowili\xc5\x9bmy", "zdecydowali\xc5\x9bmy", "pani kandydatur", "pana kandydatur",
	"twoj\xc4\x85 kandydatur", "twoja kandydatura",
	"hiring team", "the panel", "on a", "on va", "seguimos", "queremos", "optamos",
	/* a board that chooses: "o júri decidiu", "le jury", "the selection board" */
	"o j\xc3\xbari", "a equipa", "a equipe", "a comiss\xc3\xa3o", "le jury", "el tribunal",
	"the selection board", "the interview board",
	/* a university's choosers: "the faculty voted last night to extend
	 * the offer ... to another candidate" */
	"the faculty", "the department", "the committee", "the search committee",
	"the selection committee", "the hiring committee",
	"escolhemos", "vamos",
	/* Swedish, Danish, Czech */
	"vi", "jsme",
);

/* The chooser on the company's side, named in the sentence before a
 * "they" ("The interview team met on Monday. ... they chose someone"):
 * then the "they" is the company's, not a third person's story. */
LEXICON(company_side,
	"the team", "our team", "the panel", "interview team", "interview panel", "hiring team",
	"hiring panel",
	"hiring manager", "hiring managers", "hiring committee", "the committee", "the board",
	"the interviewers", "the founders", "das team", "das gremium", "l'\xc3\xa9quipe",
	"le jury", "el equipo", "a equipe", "o time", "het team", "il team", "la commissione",
	"zesp\xc3\xb3\xc5\x82", "komisja", "teamet", "holdet",
	/* a recruiter relays the employer's choice: "I heard back from
	 * Kenneth this morning. They ... decided not to go ahead" */
	"heard back from", "the client", "my client", "our client",
);

/* Another one than the user, in any inflection: an "other" word (stems)
 * and, within the next words, who or what was chosen (stems): a person
 * ("z inną osobą", "en annan kandidat") or a direction ("gone another
 * way", "a different direction"). */
LEXICON(other_words,
	"another", "other", "different", "andere", "ander", "autre", "otr", "outr", "altr",
	"inn", "annan", "anden", "andre", "jin",
);
LEXICON(other_chosen,
	"candidat", "kandida", "kandyd", "person", "persoon", "pessoa", "osob", "profil",
	"perfil", "profiel", "finalist", "applicant", "bewerber", "someone", "way", "direction",
	"richtung", "direcci", "dire\xc3\xa7", "richting", "direzion", "kierun", "riktning",
	"retning", "route", "path",
);

/* A choice made ("decided", "chosen", "offered the role to"): stems,
 * past and perfect forms only (a decision still to come is none). */
LEXICON(rej_choice,
	"decided", "chose", "chosen", "selected", "offered", "hired", "appointed", "ended up",
	"going ahead with", "go ahead with", "gone ahead with", "went ahead with",
	"moving forward with", "move forward with", "proceed with", "proceeding with",
	"progress with", "went with", "gone with", "going with", "go with", "filled",
	"entschied", "entschlossen", "besetz", "ausgew\xc3\xa4hlt", "gew\xc3\xa4hlt", "vergeben",
	"choisi", "retenu", "s\xc3\xa9lectionn\xc3\xa9", "d\xc3\xa9\x63id\xc3\xa9", "poursuivre avec",
	"opt\xc3\xa9", "elegido", "seleccionad", "decidido", "decidimos", "optado", "avanzar con",
	"seguir con", "escolh", "selecionad", "optamos", "seguir com", "avan\xc3\xa7\x61r com",
	"gekozen", "geselecteerd", "besloten", "verder met", "scelto", "scelta",
	"selezionat", "deciso", "optato", "procedere con", "proseguire con", "wybral",
	"wybran", "zdecydowal", "postanowil",
	"move ahead with", "moving ahead with", "continuer avec", "seguimos com", "seguiremos com",
	"vamos seguir com", "seguimos con", "seguiremos con",
	/* Portuguese: "o júri decidiu dar continuidade ao processo com outra candidata" */
	"decidiu", "decidiram", "dar continuidade", "prosseguir com",
	/* gone or went another way: the choice without a chooser's verb */
	"gone", "went", "picked", "opted for",
	/* a committee's vote, an offer made ("the faculty voted last night to
	 * extend the offer ... to another candidate") */
	"voted", "extend the offer", "extended the offer", "extend an offer", "extended an offer",
	"made the offer", "made an offer",
	/* Swedish, Danish, Czech: decided, chosen, go on with */
	"best\xc3\xa4mt", "beslutat", "valt", "besluttet", "valgt", "g\xc3\xa5 vidare med",
	"g\xc3\xa5 videre med", "rozhodli", "vybrali",
);

/* Another person than the user, as the one chosen. */
LEXICON(rej_other_person,
	"another candidate", "other candidates", "another applicant", "other applicants",
	"the other candidate",
	"another person", "someone else", "somebody else", "someone who", "someone whose",
	"someone with", "another finalist", "a different candidate", "another profile",
	"a candidate who", "a candidate whose", "a candidate with", "an internal candidate",
	"a candidate based", "a candidate from", "a candidate located", "a candidate that",
	"a candidate closer",
	"einer anderen person", "eine andere person", "anderen kandidat", "andere kandidat",
	"anderen bewerber", "andere bewerber", "jemand anderen", "jemanden", "einen kandidaten",
	"eine kandidatin", "einem anderen profil", "un autre candidat", "une autre candidate",
	"un autre profil", "une autre personne", "un profil", "d'autres candidats",
	"un candidat", "une candidate", "otro candidato", "otra candidata", "otra persona",
	"otro perfil", "otros candidatos", "un candidato", "una candidata", "outro candidato",
	"outra candidata", "outra pessoa", "outro perfil", "outros candidatos",
	"een andere kandidaat", "een kandidaat", "iemand anders", "iemand met",
	"andere kandidaten", "een ander profiel", "un altro candidato", "un'altra candidata",
	"un altro profilo", "un'altra persona", "altri candidati",
	"innego kandydata", "inn\xc4\x85 kandydatk\xc4\x99", "inn\xc4\x85 osob\xc4\x99",
	"kogo\xc5\x9b innego", "innych kandydat\xc3\xb3w", "innego kandydat",
	"candidates whose", "candidates who", "candidates with", "other profiles",
);

/* Where to look for another person and a job filled (stems): every
 * phrase of lex_rej_other_person and lex_rej_filled holds one, so only
 * the sentences with one are read. */
LEXICON(rej_other_stems,
	"candidat", "kandida", "kandyd", "someone", "somebody", "person", "pessoa", "osob",
	"profil", "perfil", "profiel", "finalist", "applicant", "bewerber", "iemand", "jemand",
	"kogo\xc5\x9b", "inn", "other", "another", "andere", "autre", "otr", "outr", "altr",
	"different", "annan", "anden", "jin",
);
LEXICON(rej_filled_stems,
	"fill", "closed", "cancel", "withdrawn", "open", "besetz", "vergeben", "geschlossen", "pourvu", "cl\xc3\xb4tur", "cubiert",
	"cerrad", "preenchid", "encerrad", "fechad", "ingevuld", "vervuld", "gesloten", "copert",
	"assegnat", "chius", "obsadz", "zamkni",
);

/* Only the writer's story: a third person chose ("they went with
 * someone else"). */
LEXICON(rej_third_person,
	"they", "they've", "they'd", "she", "he", "ils", "elles", "ellos", "ellas", "eles",
	"elas", "zij", "ze hebben", "loro", "oni",
);

/* The job is filled or closed (with a word for the job in the sentence). */
LEXICON(rej_filled,
	"has been filled", "have been filled", "been filled", "is filled", "is now filled",
	"have filled", "has filled", "no longer open", "has been closed", "closed the",
	"ist besetzt", "wurde besetzt", "bereits besetzt", "inzwischen besetzt",
	"ist vergeben", "a \xc3\xa9t\xc3\xa9 pourvu", "a \xc3\xa9t\xc3\xa9 pourvue",
	"est pourvu", "est pourvue", "ha sido cubierto", "ha sido cubierta", "est\xc3\xa1 cubierta",
	"foi preenchida", "foi preenchido", "est\xc3\xa1 preenchida", "is ingevuld",
	"is vervuld", "is inmiddels vervuld", "is inmiddels ingevuld",
	"\xc3\xa8 stata coperta", "\xc3\xa8 stata assegnata", "\xc3\xa8 stato coperto",
	"zosta\xc5\x82o obsadzone", "zosta\xc5\x82\x61 obsadzona", "jest ju\xc5\xbc obsadzone",
	"foi encerrado", "foi encerrada", "foi fechado", "foi fechada", "wurde geschlossen",
	"a \xc3\xa9t\xc3\xa9 cl\xc3\xb4tur\xc3\xa9", "a \xc3\xa9t\xc3\xa9 cl\xc3\xb4tur\xc3\xa9" "e", "ha sido cerrado", "ha sido cerrada", "is gesloten",
	"\xc3\xa8 stata chiusa", "\xc3\xa8 stato chiuso", "zosta\xc5\x82 zamkni\xc4\x99ty", "zosta\xc5\x82" "a zamkni\xc4\x99ta",
	/* or called off as a whole: "the Faculty has made the difficult
	 * decision to cancel this search" */
	"cancel this search", "cancel the search", "search has been cancelled",
	"search has been canceled", "search was cancelled", "search was canceled",
	"cancel the recruitment", "cancel this recruitment", "recruitment has been cancelled",
	"position has been cancelled", "position has been canceled", "position has been withdrawn",
	"vacancy has been withdrawn", "vacancy has been cancelled", "role has been cancelled",
	"role has been canceled",
);

/* The job itself (stems): position, role, Stelle, poste, vaga. */
LEXICON(rej_job_nouns,
	"position", "role", "job", "vacanc", "opening", "search", "recruitment", "stelle", "poste",
	"puesto", "vacante", "vaga", "cargo", "functie", "vacature", "posizion", "ruolo",
	"stanowisk",
);

/* In the sentence, words that make it no decision: a condition, a
 * question, a wait ("if we go with someone else", "before we decide"). */
LEXICON(rej_hedges,
	"if", "whether", "unless", "before", "until", "without", "wenn", "falls", "ob",
	"sofern", "bis", "ohne", "quand", "lorsque", "au cas", "sans", "jusqu'", "en caso",
	"hasta", "sin", "sem", "at\xc3\xa9", "zonder", "tot", "senza", "finch\xc3\xa9", "bez",
	"caso", "indien", "mocht", "qualora", "nel caso", "je\xc5\x9bli", "je\xc5\xbc" "eli", "czy",
);

/* A condition: what follows may not happen ("if you need to cancel"). */
LEXICON(conditions,
	"if", "whether", "unless", "in case", "should you", "agar", "wenn", "falls", "sofern", "si vous",
	"si tu", "si necesitas", "si necesita", "en caso", "caso", "se precisar", "als je", "als u",
	"indien", "mocht", "se dovesse", "qualora", "nel caso", "je\xc5\x9bli", "je\xc5\xbc" "eli",
);

/* A choice still open ("we may go with another candidate", "still
 * considering"): no decision yet. */
LEXICON(rej_open,
	"may", "might", "could", "still", "considering", "perhaps", "possibly", "vielleicht",
	"eventuell", "noch", "peut-\xc3\xaatre", "encore", "quiz\xc3\xa1s", "tal vez",
	"todav\xc3\xad" "a", "talvez", "ainda", "misschien", "nog", "forse", "ancora",
	"mo\xc5\xbc" "e", "jeszcze",
);

/* The writer is the candidate and asks the reader's support: luck,
 * tips, crossed fingers, nerves. */
LEXICON(writer_candidate,
	"wish me luck", "any tips", "any advice", "fingers crossed for me", "keep your fingers crossed",
	"i got through", "i made it", "guess who", "i'm so nervous", "i'm nervous", "so nervous",
	"dr\xc3\xbc" "ck mir die daumen", "dr\xc3\xbc" "ckt mir die daumen", "hast du tipps", "hast du einen tipp",
	"bin so nerv\xc3\xb6s", "croise les doigts", "croisez les doigts", "des conseils", "je stresse",
	"des\xc3\xa9" "ame suerte", "alg\xc3\xban consejo", "alg\xc3\xban tip", "estoy nerviosa", "estoy nervioso",
	"me deseja sorte", "me deseje sorte", "alguma dica", "estou nervosa", "estou nervoso",
	"duim voor me", "duimen voor me", "heb je tips", "ik ben zo zenuwachtig",
	"incrocia le dita", "qualche consiglio", "augurami", "sono agitata", "sono agitato",
	"trzymaj kciuki", "jakie\xc5\x9b rady", "jaka\xc5\x9b rada", "denerwuj\xc4\x99 si\xc4\x99",
);

/* Pleasure, congratulations, the wish to: how an offer is announced. */
LEXICON(offer_pleasure,
	"pleased", "happy", "delighted", "excited", "thrilled", "glad", "great pleasure",
	"congratulations", "congrats", "freuen uns", "freue mich", "freuen wir uns",
	"gl\xc3\xbc" "ckwunsch", "gratuliere", "gratulieren", "plaisir", "heureux", "heureuse",
	"ravis", "ravi", "ravie", "f\xc3\xa9licitations", "encantados", "encantada", "complace",
	"placer", "alegra", "alegr\xc3\xad\x61", "alegria", "prazer", "felizes", "contentes",
	"enhorabuena", "felicidades", "parab\xc3\xa9ns", "com muito gosto", "temos o gosto", "blij", "verheugd", "genoegen", "plezier",
	"gefeliciteerd", "lieti", "lieta", "lieto", "piacere", "felici", "congratulazioni",
	"complimenti", "przyjemno\xc5\x9b\x63i\xc4\x85", "mi\xc5\x82o", "cieszymy", "gratulacje",
	"glade", "glada", "gl\xc3\xa6" "der", "gl\xc3\xa4" "djer", "r\xc3\xa1" "di",
	/* the wish to ("we want to make you an offer") */
	"we want to", "we'd like to", "we would like to", "m\xc3\xb6" "chten", "wollen", "souhaitons",
	"aimerions", "voudrions", "queremos", "quisi\xc3\xa9ramos", "nos gustar\xc3\xad" "a", "gostar\xc3\xad" "amos",
	"willen", "zouden graag", "vorremmo", "desideriamo", "chcemy", "chcieliby\xc5\x9bmy",
);

/* Offered, but no job: feedback, a chance, a slot ("we'd like to offer
 * some feedback on the role"). */
LEXICON(offer_not,
	"feedback", "advice", "tips", "a chance to", "the chance to", "the opportunity to",
	"slot", "slots", "flexibility", "discount", "trial", "support",
);

/* The offer itself (stems). */
LEXICON(offer_words,
	"offer", "anbieten", "anzubieten", "angebot", "vertragsangebot", "proposer",
	"proposition", "offre", "ofrecer", "ofrecerte", "ofrecerle", "oferta", "propuesta",
	"proposta", "oferecer", "aanbod", "aanbieden", "bieden", "offrir", "offrire",
	"offrirle", "offrirti", "offerta", "ofert", "zaproponowa", "propozycj",
	/* Swedish, Danish, Czech */
	"erbjuda", "tilbyde", "tilbud", "nab\xc3\xad" "dnout", "nab\xc3\xad" "dka",
);

/* What an offer gives (stems): the job, a contract, a salary. */
LEXICON(offer_objects,
	"position", "role", "job", "posi\xc3\xa7\xc3\xa3o", "vaga", "cargo", "puesto", "poste",
	"fun\xc3\xa7\xc3\xa3o", "colabora\xc3\xa7\xc3\xa3o",
	"stelle", "functie", "rol", "ruolo", "posizion", "stanowisk", "contract", "vertrag",
	"contrat", "contrato", "contratto", "umow", "salary", "gehalt", "salaire", "salario",
	"sal\xc3\xa1rio", "salaris", "stipendio", "wynagrodz", "compensation", "package",
	"employment", "join us", "join the team", "to join",
	/* Swedish, Danish, Czech */
	"tj\xc3\xa4nst", "rollen", "stilling", "pozic", "l\xc3\xb8n", "l\xc3\xb6n",
);

/* The terms of a job for the user, summed up (a verbal offer written
 * down): the pay with a figure, the start, and the contract to come.  A
 * salary word, then within a line a figure with a currency. */
LEXICON(pay_words,
	"salary", "base", "base salary", "pay", "compensation", "gehalt", "jahresgehalt",
	"salaire", "r\xc3\xa9mun\xc3\xa9ration", "salario", "sueldo", "sal\xc3\xa1rio",
	"remunera\xc3\xa7\xc3\xa3o", "salaris", "stipendio", "retribuzione", "wynagrodzenie",
	"l\xc3\xb8n", "l\xc3\xb8nnen", "l\xc3\xb6n", "l\xc3\xb6nen", "plat", "mzda",
);
LEXICON(currency_marks,
	"\xc2\xa3", "$", "\xe2\x82\xac", "gbp", "usd", "eur", "chf", "kr", "dkk", "sek", "nok",
	"pln", "z\xc5\x82", "k\xc4\x8d", "czk",
);
LEXICON(start_words,
	"start date", "starting date", "start on", "your first day", "eintrittsdatum",
	"eintritt", "arbeitsbeginn", "date de d\xc3\xa9" "but", "date d'arriv\xc3\xa9" "e",
	"fecha de inicio", "fecha de incorporaci\xc3\xb3n", "data de in\xc3\xad" "cio",
	"startdatum", "ingangsdatum", "data di inizio", "data rozpocz\xc4\x99" "cia",
	"opstart", "tiltr\xc3\xa6" "delse", "tilltr\xc3\xa4" "de", "n\xc3\xa1stup",
);
LEXICON(contract_to_come,
	"the contract", "your contract", "formal contract", "employment contract",
	"offer letter", "the paperwork", "arbeitsvertrag", "den vertrag", "ihr vertrag",
	"le contrat", "votre contrat", "el contrato", "tu contrato", "su contrato",
	"o contrato", "seu contrato", "het contract", "je contract", "arbeidscontract",
	"il contratto", "umow\xc4\x99", "umowa o prac\xc4\x99", "kontrakten",
	/* Australian and New Zealand English: "the formal employment agreement
	 * is attached", "your letter of offer" */
	"employment agreement", "letter of offer", "contract of employment",
	"ans\xc3\xa6ttelseskontrakt", "anst\xc3\xa4llningsavtal", "avtalet", "smlouvu",
);

/* The reader and the writer's company, as people speak to a candidate:
 * an interview the mail speaks of is the user's when its sentence
 * addresses the reader or speaks for the company ("your interview",
 * "we'd like to meet you", "Le confermo il colloquio"). */
LEXICON(addressed_words,
	"you", "your", "you're", "you'll", "you've", "you'd", "yours", "we", "we're", "we'll",
	"we'd", "we've", "our", "us", "sie", "ihnen", "ihr", "ihre", "ihrem", "ihren", "du",
	"dich", "dir", "dein", "deine", "deinem", "deinen", "wir", "uns", "unser", "unsere",
	"unserem", "unseren", "vous", "votre", "vos", "tu", "te", "toi", "ton", "ta", "tes",
	"nous", "notre", "nos", "usted", "ustedes", "tú", "ti", "tus", "su", "sus", "contigo",
	"nosotros", "nuestro", "nuestra", "voc\xc3\xaa", "seu", "sua", "teu", "tua", "n\xc3\xb3s",
	"nosso", "nossa", "je", "jij", "jou", "jouw", "u", "uw", "wij", "ons", "onze", "lei",
	"le", "la sua", "il suo", "tuo", "noi", "nostro", "nostra", "ci", "pan",
	"pani", "panem", "pani\xc4\x85", "ci\xc4\x99", "tw\xc3\xb3j", "twoja", "my", "nasz",
	"nasza", "nam",
);

/* ---- the organisation ---- */

/* Words that follow "at" or lead a phrase but are no company ("at least"). */
LEXICON(not_company,
	"the", "a", "an", "our", "your", "this", "that", "my", "their", "his", "her",
	"noon", "midnight", "am", "pm", "least", "all", "home", "work", "first", "last",
	"present", "google meet", "zoom", "microsoft teams", "teams", "webex",
	"this time", "that time", "night", "any", "some", "once", "times", "it", "i",
	"we", "you", "us", "them", "one", "two", "interview", "interviews",
	/* the pronouns of the other languages, capitalised in German
	 * ("Ihnen", "Sie") or at a sentence's start */
	"ihnen", "sie", "dir", "dich", "uns", "euch", "ihr", "vous", "nous", "usted", "ustedes",
	"nosotros", "voc\xc3\xaa", "n\xc3\xb3s", "u", "jij", "jou", "wij", "ons",
	/* what a mail is, said in its subject ("OFFER - Senior Java Developer") */
	"offer", "job offer", "offer letter", "invitation", "reminder", "update", "confirmation",
	/* greetings, in the languages read */
	"hi", "hello", "hey", "dear", "hallo", "hola", "ol\xc3\xa1", "oi", "bonjour", "salut",
	"hoi", "ciao", "buongiorno", "buenos d\xc3\xad\x61s", "bom dia", "boa tarde",
	"guten tag", "moin", "servus", "goedemorgen", "goedemiddag", "beste",
	/* the hiring department, in the languages read: a team, no employer */
	"recruitment", "recruiting", "recrutamento", "reclutamiento", "recrutement", "werving",
	"talent acquisition", "human resources", "recursos humanos", "ressources humaines",
	"people & culture", "people and culture", "hr", "rh", "personalabteilung",
);

/* Words before " at X" that make X an employer: "Engineer at Acme". */
LEXICON(at_lead,
	"position", "positions", "role", "roles", "job", "jobs", "opportunity", "opportunities",
	"interview", "interviews", "interviewing", "career", "careers", "team", "opening",
	"openings", "work", "working", "engineer", "engineering", "manager", "developer",
	"designer", "recruiter", "recruiting", "recruitment", "talent", "hiring", "internship",
	"vacancy", "lead", "partner", "scientist", "analyst", "specialist", "coordinator",
	"director", "officer", "head", "people", "acquisition", "process", "us", "colleagues",
	"staff", "founder", "co-founder", "ceo", "cto", "sourcer", "consultant", "architect",
	"intern", "application", "applications", "apply", "applying", "applied", "sre",
	"devops", "administrator", "associate", "representative", "executive", "product",
	"researcher", "programmer", "president", "vp", "here", "everyone",
	/* German, French, Dutch (before "bei", "chez", "bij") */
	"kennenlernen", "bewerbung", "stelle", "entretien", "candidature", "poste", "rencontre",
	"sollicitatie", "functie", "kennismaking",
);

/* Hiring systems, job boards, calendar and meeting services: named in mail,
 * never the employer. */
LEXICON(ats_names,
	"Greenhouse", "Lever", "Workday", "Ashby", "SmartRecruiters", "Workable", "iCIMS",
	"Jobvite", "BambooHR", "Calendly", "LinkedIn", "Indeed", "Google", "Google Calendar",
	"Microsoft", "Outlook", "Zoom", "Teams", "Microsoft Teams", "Google Meet", "Webex",
	"Gmail", "Glassdoor", "Recruitee", "Teamtailor", "Personio", "GoodTime",
	"JOIN", "softgarden", "StepStone", "XING", "Dayforce", "Taleo", "Gupy", "ModernLoop",
	"publicjobs", "NHS Jobs", "Civil Service Jobs", "Trac",
	"SuccessFactors", "SAP SuccessFactors", "Jobboom", "Welcome to the Jungle", "Otta",
	"Wellfound", "HireVue", "Paradox",
	"Homerun", "Jobylon", "Comeet", "Manatal", "Recruiterflow", "JobAdder", "Avature",
	"Phenom", "Eightfold", "Keka", "Darwinbox", "HirePro", "Mettl", "HackerEarth",
	"HackerRank", "Codility", "TestGorilla", "TalentLyft", "Recruit CRM", "Instahyre",
	"Naukri", "foundit", "iimjobs", "Flatchr", "Factorial", "Zoho Recruit", "Freshteam",
	"Jobat", "InfoJobs", "ITJobs",
);

/* What a hiring, calendar or meeting service makes, after its name: "Zoom
 * Meeting", "Teams Call", "Google Calendar Invite" name the tool's thing,
 * never an employer (is_ats_name). */
LEXICON(tool_products,
	"meeting", "meetings", "call", "calls", "webinar", "room", "rooms", "link", "links",
	"invite", "invitation", "event", "events", "calendar", "session", "scheduler",
	"scheduling", "notification", "notifications", "video", "conference", "app",
);

/* Legal suffixes dropped from a company name: "Acme Inc." -> "Acme"; one
 * written with a final dot drops without it too ("Acme Inc", strip_legal). */
LEXICON(legal_suffixes,
	" Inc.", " Ltd.", " LLC", " GmbH",
	" AB", " Oy", " SA", " S.A.", " plc", " PLC", " Corp.", " Limited", " AG", " B.V.", " BV"
);

/* Phrases before the employer's name in prose: "interest in Acme". */
LEXICON(company_lead_ins,
	"interest in ", "on behalf of ", "interest in joining ",
	"welcome to ", "thank you for applying to ", "thanks for applying to ",
	"your application to ", "applied to ", "interviewing with ", "interview with ",
	"join ", "joining ", "entrevista con ", "entrevista com ", "entretien avec ",
	"gesprek met ", "gespr\xc3\xa4\x63h mit ",
	/* a caller or writer says where they are: "It's Mark Feeney calling from
	 * Lennox Aldridge" */
	"calling from ", "writing from ", "reaching out from ", "here from ",
);

/* Capitalised words that start a subject but are no company
 * ("Technical interview"). */
LEXICON(subject_generic,
	"Technical", "Final", "Phone", "Video",
	"Onsite", "On-site", "First", "Second", "Third", "Your", "Our", "Job",
	"Interview", "Virtual", "Panel", "Online", "Remote", "Follow-up", "Initial",
	"Next", "New", "The", "Screening", "Behavioral", "Coding", "System", "Design",
	/* the interview's form, not whose: "Live interview scheduled" */
	"Live", "Recorded", "Group", "Team", "Culture", "Case", "Behavioural", "Competency",
	"Face-to-face", "In-person", "Telephone", "Hiring", "HR", "Preliminary", "Exploratory",
	"Informal", "Formal", "Structured", "Portfolio", "Leadership", "Executive", "Peer",
	"Stakeholder", "Admissions", "Telephonic",
	/* a change's word before the subject's facts: "Modification –
	 * entretien ..." */
	"Modification", "Changement", "Update", "Updated", "\xc3\x84nderung", "Wijziging",
	"Cambio", "Altera\xc3\xa7\xc3\xa3o", "Actualizaci\xc3\xb3n", "Aggiornamento"
);

/* "the Engineering team" is a department, not a company. */
LEXICON(departments,
	"Engineering", "Product", "Design", "Sales",
	"Marketing", "Data", "Platform", "Infrastructure", "Backend", "Frontend",
	"Recruiting", "Talent", "People", "Hiring", "HR", "Finance", "Legal",
	"Operations", "Security", "Support", "Research",
	/* a title's field after its comma ("Sr. Director, Clinical Affairs",
	 * "Manager, Infection Prevention"): words no one's name has */
	"Clinical", "Affairs", "Regulatory", "Compliance", "Prevention", "Evidence", "Outsourcing",
	"Pharmacovigilance", "Nursing", "Oncology", "Procurement", "Analytics", "Accounting",
	"Treasury", "Administration", "Management", "Development", "Quality", "Safety",
	"Communications", "Strategy", "Operaciones", "Opera\xc3\xa7\xc3\xb5\x65s", "Op\xc3\xa9rations",
	"Cl\xc3\xadnicas", "Cl\xc3\xadnica", "Cl\xc3\xadnicos", "Cl\xc3\xadnico", "Cliniques", "Clinique",
	"Klinische", "Qualit\xc3\xa4t", "Qualidade", "Calidad", "Qualit\xc3\xa9",
	/* the law's practice groups: "VP, Claims Litigation", "(Desk Canadá)" */
	"Litigation", "Claims", "Disputes", "Arbitration", "Litige", "Litiges", "Litigio",
	"Contencioso", "Prozessf\xc3\xbchrung", "Desk",
);

/* A sender name that is a company's team: "Acme Recruiting". */
LEXICON(display_tails,
	" Recruiting", " Recruitment", " Talent", " Careers",
	" Hiring", " HR", " Jobs", " People", " Talent Acquisition", " Recruiting Team",
	/* the other languages' hiring departments ("Energías del Nervión -
	 * Selección") */
	" - Selecci\xc3\xb3n", " Selecci\xc3\xb3n", " - RRHH", " RRHH", " Talento", " - Recrutamento",
	" Recrutamento", " - Recrutement", " Recrutement", " - Werving", " Werving", " Karriere",
);

/* Label tails dropped from a domain's company name: "acme-careers.com". */
LEXICON(domain_tails,
	"-us", "-uk", "-eu", "-de", "-fr", "-inc", "-corp",
	"-careers", "-jobs", "-mail", "-hr", "-group", "-global", "-talent", "-recruiting"
);

/* ---- the role ---- */

/* Nouns a job title is made of ("Senior Backend Engineer"). */
LEXICON(job_nouns,
	"engineer", "developer", "manager", "designer", "analyst", "scientist", "lead",
	"director", "intern", "architect", "consultant", "specialist", "administrator",
	"officer", "coordinator", "recruiter", "associate", "representative", "sre",
	"devops", "programmer", "researcher", "head", "vp", "president", "writer",
	"accountant", "assistant", "executive", "technician", "strategist", "owner",
	"editor", "marketer", "advisor", "partner", "operator", "nurse", "teacher",
	"tester", "qa", "support", "generalist", "counsel", "economist", "mathematician",
	"statistician", "producer", "artist", "agent", "planner", "buyer", "controller",
	/* German, French, Spanish, Portuguese, Dutch */
	"entwickler", "entwicklerin", "ingenieur", "ingenieurin", "architekt", "architektin",
	"berater", "beraterin", "leiter", "leiterin", "ing\xc3\xa9nieur", "ing\xc3\xa9nieure",
	"d\xc3\xa9veloppeur", "d\xc3\xa9veloppeuse", "architecte", "chef", "responsable",
	"charg\xc3\xa9", "charg\xc3\xa9" "e", "ingeniero", "ingeniera", "desarrollador",
	"desarrolladora", "arquitecto", "arquitecta", "analista", "consultor", "consultora",
	"gerente", "jefe", "jefa", "engenheiro", "engenheira", "desenvolvedor", "desenvolvedora",
	"arquiteto", "arquiteta", "ontwikkelaar", "beheerder", "adviseur", "medewerker",
	"gestor", "gestora",
	/* Italian; the French feminine of chef */
	"sviluppatore", "sviluppatrice", "ingegnere", "ingegnera", "programmatore",
	"programmatrice", "cheffe",
	/* French, Spanish, Portuguese, German: more of the nouns of a job */
	"analyste", "conseiller", "conseill\xc3\xa8re", "directeur", "directrice", "gestionnaire",
	"sp\xc3\xa9\x63ialiste", "scientifique", "coordonnateur", "coordonnatrice", "technicien",
	"technicienne", "administrateur", "administratrice", "programmeur", "programmeuse",
	"stagiaire", "l\xc3\xad\x64\x65r", "directora", "especialista", "coordinador",
	"coordinadora", "cient\xc3\xad\x66ico", "cient\xc3\xad\x66ica", "diretor", "diretora",
	"coordenador", "coordenadora", "cientista", "referent", "referentin", "spezialist",
	"spezialistin",
	/* the law's, in the six languages */
	"lawyer", "attorney", "solicitor", "barrister", "paralegal", "jurist", "juriste",
	"avocat", "avocate", "abogado", "abogada", "asociado", "asociada", "advogado", "advogada",
	"rechtsanwalt", "rechtsanw\xc3\xa4ltin", "syndikusrechtsanwalt",
	"syndikusrechtsanw\xc3\xa4ltin", "advocaat", "notaire", "notario", "notaria",
	/* a maker of technology; Swedish, Danish, Norwegian (compounds end
	 * with them: "systemutvecklare", see job_compound) */
	"technologist", "utvecklare", "udvikler", "utvikler", "ingenj\xc3\xb6r",
	"ingeni\xc3\xb8r", "konsult", "konsulent", "projektledare", "projektleder",
	/* research and teaching, in the six languages */
	"lecturer", "professor", "epidemiologist", "biostatistician", "postdoc", "instructor",
	"dozent", "dozentin", "wissenschaftler", "wissenschaftlerin", "biostatistiker",
	"biostatistikerin", "epidemiologe", "epidemiologin", "professeur", "professeure",
	"chercheur", "chercheuse", "biostatisticien", "biostatisticienne",
	"\xc3\xa9pid\xc3\xa9miologiste", "profesor", "profesora", "investigador", "investigadora",
	"epidemi\xc3\xb3logo", "epidemi\xc3\xb3loga", "pesquisador", "pesquisadora",
	"epidemiologista", "onderzoeker", "hoogleraar", "docent", "epidemioloog",
	"datawetenschapper",
);

/* Nouns of teaching and research whose field follows "in" ("Lecturer in
 * Epidemiology", "Investigador/a en Bioestadística", "Pesquisadora Sênior
 * em Epidemiologia"): after another job's noun "in" names a place. */
LEXICON(field_nouns,
	"lecturer", "professor", "reader", "fellow", "fellowship", "researcher", "chair",
	"postdoc", "docent", "dozent", "dozentin", "chercheur", "chercheuse", "investigador",
	"investigadora", "investigador/a", "pesquisador", "pesquisadora", "onderzoeker",
	"profesor", "profesora", "professeur", "professeure",
);

/* Words before a job title that are not part of it. */
LEXICON(role_leads,
	"the ", "a ", "an ", "our ", "your ", "this ", "open ",
	"position of ", "role of ", "position as ", "role as ", "post of ",
	/* German, French, Spanish, Portuguese, Dutch */
	"van ", "de ", "del ", "do ", "da ", "der ", "die ", "le ", "la ", "el ", "o ", "het ",
	"d'", "als ",
);

/* The last words of a session's name, never a job title's ("Hiring
 * Manager Discussion", "Recruiter Call", "Team Lead Chat"). */
LEXICON(session_ends,
	"discussion", "call", "chat", "conversation", "meeting", "screen", "screening",
	"session", "sync", "catch-up", "gespr\xc3\xa4\x63h", "entretien", "entrevista",
	"gesprek", "colloquio",
);

/* Words after a job title that are not part of it ("... position"). */
LEXICON(role_tails,
	" position", " role", " opening", " job", " vacancy",
	" opportunity", " req", " post"
);

/* Labels that introduce a job title: "Position: ...". */
LEXICON(role_labels,
	"position:", "role:", "job title:",
	"vacancy:", "opening:", "position applied for:", "job name:", "job role:",
	"job requisition:", "requisition:", "stelle:", "poste :", "poste:", "puesto:",
	"vaga:", "functie:", "vacature:", "posizione:",
);

/* Nouns after a job title: "the Backend Engineer role". */
LEXICON(role_nouns,
	" position", " role", " opening", " vacancy",
	" job", " opportunity",
	/* British: "the Lecturer in Data Science post" */
	" post"
);

/* Phrases before a job title: "application for ...". */
LEXICON(role_intros,
	"application for ", "interview for ", "applying for ",
	"applied for ", "interviewing for ", "applying to ", "applied to ", "position of ",
	"role of ", "interview: ", "interview - ", "screen - ", "screening - ", "candidacy for ",
	"considered for ",
	"consideration for ", "confirmation for ", "invitation for ", "invite for ",
	"scheduled for the ", "interview for the ",
	/* German, French, Spanish, Portuguese, Dutch */
	"bewerbung als ", "stelle als ", "position als ", "die rolle ", "der rolle ", "die position ",
	"die stelle ", "der stelle ",
	"poste d'", "poste d\xe2\x80\x99",
	"poste de ", "candidature au poste de ", "puesto de ", "vacante de ", "vaga de ",
	"vaga para ", "processo para ", "functie van ", "de functie ", "vacature ", "rol van ",
	"the position ",
	"hiring for: ", "hiring for ",
	/* Italian, and the Spanish of a selection process */
	"posizione di ", "ruolo di ", "selecci\xc3\xb3n para ", "la posici\xc3\xb3n de ",
	/* Swedish, Danish, Norwegian, Czech: "the role as", "the position as" */
	"rollen som ", "tj\xc3\xa4nsten som ", "stillingen som ", "stilling som ",
	"jobbet som ", "na pozici ", "pozici ",
);

/* ---- people ---- */

/* Words of a job title that come next to a person's name
 * ("Ada Brooks, Engineering Manager"). */
LEXICON(title_words,
	"manager", "engineer", "director", "lead", "head", "recruiter", "partner", "vp",
	"cto", "ceo", "coo", "cfo", "founder", "co-founder", "designer", "developer",
	"scientist", "officer", "president", "principal", "staff", "senior", "coordinator",
	"specialist", "architect", "analyst", "team", "talent", "product", "engineering",
	"acquisition", "people", "hr", "sourcer", "chief", "owner", "member", "recruiting",
	/* a committee's and a ward's: "Dr. Patricia Nwosu, chair; Dr. Ana Ruiz" */
	"chair", "co-chair", "nurse", "educator", "supervisor", "administrator",
	/* the same titles in the languages read: "Directrice Technique" */
	"directeur", "directrice", "responsable", "ing\xc3\xa9nieur", "ing\xc3\xa9nieure",
	"d\xc3\xa9veloppeur", "d\xc3\xa9veloppeuse", "recruteur", "recruteuse",
	"leiter", "leiterin", "gesch\xc3\xa4" "ftsf\xc3\xbc" "hrer", "gesch\xc3\xa4" "ftsf\xc3\xbc" "hrerin",
	"entwickler", "entwicklerin", "personalreferentin", "personalreferent",
	"gerente", "diretor", "diretora", "directora", "jefe", "jefa", "desenvolvedor",
	"desenvolvedora", "engenheiro", "engenheira", "ingeniero", "ingeniera",
	"desarrollador", "desarrolladora", "reclutador", "reclutadora", "recrutadora",
	"hoofd", "ontwikkelaar", "teamleider", "responsabile", "sviluppatore",
	"teamleiter", "teamleiterin", "abteilungsleiter", "abteilungsleiterin",
	"bereichsleiter", "bereichsleiterin", "referent", "referentin", "analyste",
	"conseiller", "conseill\xc3\xa8re", "gestionnaire", "l\xc3\xad\x64\x65r", "coordinador",
	"coordinadora", "coordenador", "coordenadora", "especialista",
	/* the law's: "Dana Kirkpatrick, General Counsel & Corporate Secretary" */
	"counsel", "secretary", "associate", "solicitor", "barrister", "attorney", "paralegal",
	"lawyer", "avocat", "avocate", "associ\xc3\xa9", "associ\xc3\xa9\x65", "abogado", "abogada",
	"advogado", "advogada", "rechtsanwalt", "rechtsanw\xc3\xa4ltin", "advocaat",
);

/* Possessives and indefinite articles, which no name holds (unlike
 * "de", "van", "le", "da" of "Anouk de Graaf"; "vos" and "nos" are
 * Dutch and Portuguese surnames too). */
LEXICON(not_name_words,
	"your", "our", "their", "my", "dein", "deine", "deinen", "deinem", "deiner", "ihr",
	"ihre", "ihren", "ihrem", "ihrer", "unser", "unsere", "unseren", "unserem", "unserer",
	"euer", "eure", "euren", "eurem", "ein", "eine", "einen", "einem", "einer", "een",
	"jouw", "uw", "onze", "votre", "notre", "nuestro", "nuestra",
	"nuestros", "nuestras", "seu", "sua", "nosso", "nossa",
	/* "City of Harbor Point", "Office of Business Services": a name has
	 * no "of" ("van", "de", "von" are its particles); a law is no person
	 * ("the Americans with Disabilities Act") */
	"of", "act",
	/* a schedule's placeholder for a person still to come ("As
	 * Appropriate (Hiring Manager)", "TBD", "If Required") */
	"as", "tbd", "tbc", "tba", "appropriate", "required", "needed",
);

/* Words that make a display name a team, not a person ("Acme Talent"). */
LEXICON(team_words,
	"team", "recruiting", "recruitment", "talent", "careers", "career", "jobs",
	"hiring", "hr", "people", "notifications", "calendar", "support", "via",
	"noreply", "no-reply", "room", "inc", "ltd", "llc", "gmbh", "group", "the",
	"acquisition", "human", "resources", "admin", "info", "service", "services",
	/* the team's word in the other languages */
	"equipa", "equipo", "equipe", "\xc3\xa9quipe", "recrutamento", "reclutamiento",
	"recrutement", "werving", "personal", "recursos", "humanos",
);

/* Words that make two or three capitalised words an organisation or a
 * phrase, not a person ("Lumen Labs", "Meeting Link"). */
LEXICON(org_words,
	"labs", "bank", "toys", "inc", "group", "systems",
	"software", "technologies", "tech", "games", "studio", "studios", "health", "robotics",
	"capital", "partners", "solutions", "media", "digital", "ai", "io", "cloud", "data",
	"corporation", "corp", "company", "co", "industries", "traders", "coffee", "foods",
	"careers", "recruiting", "talent", "team", "hr", "jobs", "hiring", "analytics",
	"consulting", "services", "network", "networks", "security", "energy", "bio",
	"therapeutics", "pharma", "finance", "financial", "insurance", "motors", "airlines",
	"logistics", "freight", "shipping", "payments", "ventures", "holdings", "retail",
	"aerospace", "automotive", "biotech", "telecom", "markets",
	"mutual", "assurance", "credit", "trust", "bancorp", "investments", "wealth",
	/* care and science: "VA Boston Healthcare System", "Corrigan Diagnostics" */
	"healthcare", "system", "hospital", "hospitals", "clinic", "clinics", "center", "centre",
	"institute", "university", "diagnostics", "genomics", "biosciences", "sciences",
	"biopharma", "biologics", "medicine",
	/* a hospital's services and bodies: "Palliative Care", "Pre-Admission
	 * Testing", "Joint Commission" */
	"care", "nursing", "hospice", "therapy", "rehabilitation", "pharmacy", "radiology",
	"surgery", "cardiology", "oncology", "pediatrics", "telemetry", "testing", "commission",
	"committee", "council", "regional", "community", "memorial",
	/* local government: "London Borough of Wandlebury" */
	"borough", "municipality",
	"energies", "utilities", "semiconductor", "pharmaceuticals", "medical",
	/* industry: "Harbor & Rail Terminals", "Gulfstar Olefins" */
	"terminals", "terminal", "rail", "railway", "port", "ports", "chemicals", "chemical",
	"polymers", "plastics", "olefins", "refining", "refinery", "petroleum", "petrochemicals",
	"midstream", "pipeline", "pipelines", "offshore", "subsea", "drilling", "oilfield",
	"manufacturing", "equipment", "industrial", "materials", "metals", "steel", "valve",
	"controls", "distribution", "storage", "warehousing", "marine", "maritime", "transport",
	"transportation", "trucking", "airport", "authority", "supply",
	/* consumer brands: "Aurelle Beauty", "Siam Lotus Beverages" */
	"beauty", "cosmetics", "skincare", "apparel", "fashion", "hotels", "resorts",
	"beverages", "brewery", "consumer", "goods", "properties", "realty",
	"platforms", "interactive", "entertainment", "works", "collective", "cooperative",
	"event", "name", "meeting", "call", "location", "time", "date", "interview", "office",
	"room", "google", "microsoft", "zoom", "teams", "join", "link", "details", "calendar",
	"invite", "invitation", "web", "conference", "video", "phone", "screen", "round",
	"hq", "building", "street", "floor", "campus", "please", "thanks", "thank", "hello",
	"dear", "hi", "best", "regards"
);

/* Particles inside a person's name ("Ada van der Berg"). */
LEXICON(name_particles,
	"van ", "de ", "der ", "von ", "da ", "di ",
	"la ", "le ", "del ", "bin ", "al ", "ten ", "den ", "dos ", "das ", "du ", "ter "
);

/* Words of a writer who recruits for someone else ("my client", "the
 * client's team"): an agency. */
LEXICON(client_words,
	"my client", "our client", "the client", "a client", "client's", "on behalf of our",
	"our end client", "end client",
	/* a search firm's mandate: "has been retained by Harbor & Rail
	 * Terminals to lead the search" */
	"retained by", "engaged by", "mandated by", "exclusively retained by",
	"mi cliente", "nuestro cliente", "el cliente", "notre client", "le client",
	"mein kunde", "unser kunde", "unseres kunden", "mijn klant", "onze klant", "de klant",
	"il nostro cliente", "il cliente", "nosso cliente", "o cliente",
);

/* Words of an organisation's name that make it a recruitment business
 * ("Brightpath Staffing", "Robert Walters Belgium"): the mail it sends is
 * about a client's job, named or not.  The big agencies by name. */
/* A writer's title that recruits for clients ("Senior Search Consultant
 * | Nurse Executive Practice"): the writer's organisation is an agency,
 * whatever its name ("Meridian Nurse Leadership Partners"). */
LEXICON(agency_titles,
	"search consultant", "recruitment consultant", "recruiting consultant",
	"executive recruiter", "headhunter", "search associate", "placement consultant",
	"staffing consultant", "staffing specialist", "search practice", "executive search",
);

LEXICON(agency_names,
	"staffing", "recruitment", "recruiters", "recruiting partners", "executive search",
	"search group", "search firm", "search consultants",
	"search partners", "talent partners", "headhunters", "personnel", "werving en selectie",
	"uitzendbureau", "personalberatung", "personaldienstleistungen", "cabinet de recrutement",
	"robert walters", "michael page", "pagegroup", "page personnel", "hays", "randstad",
	"adecco", "robert half", "kforce", "teksystems", "aerotek", "harvey nash",
	"korn ferry", "spencer stuart", "manpower", "manpowergroup", "kelly services",
	"insight global", "hudson", "lhh", "gi group", "tiger recruitment",
);

/* Words that send the user to a person for questions: that person is
 * the contact ("Questions? Reach out to Ada Brooks"). */
LEXICON(contact_leads,
	"reach out to ", "get in touch with ", "contact ", "write to ", "questions to ",
	"wenden sie sich an ", "contactez ", "contacta a ", "entre em contato com ",
	"neem contact op met ", "fale com ", "falar com ", "escreva para ", "escribe a ",
	"habla con ", "escr\xc3\xad\x62\x65le a ", "\xc3\xa9\x63rivez \xc3\xa0 ",
	"\xc3\xa9\x63ris \xc3\xa0 ",
	"communiquez avec ", "communique avec ", "melde dich bei ", "melden sie sich bei ",
	"wende dich an ",
);

/* A signature's title of one who arranges interviews for others, in the
 * languages read: a recruiter, a coordinator, the people office. */
LEXICON(arranger_titles,
	"talent acquisition", "recruiter", "recruitment", "recruiting", "talent partner",
	"human resources", "hr officer", "hr business partner", "hr advisor", "hr manager",
	"people & culture", "people and culture", "search coordinator", "interview coordinator",
	"recruiting coordinator", "recruitment coordinator", "recruitment officer",
	"gest\xc3\xa3o de pessoas", "recursos humanos", "ressources humaines", "recrutement",
	"personalabteilung", "personalreferent", "werving", "selecci\xc3\xb3n", "recrutamento",
);

/* After a person's name, what makes them the recruiter or coordinator
 * of the application: the contact ("Rosa Vink, our recruiter, is ..."). */
LEXICON(recruiter_appositions,
	", our recruiter", ", your recruiter", ", the recruiter", ", our recruiting coordinator",
	", our recruitment coordinator", ", our interview coordinator", ", our talent partner",
	", our talent acquisition", ", your talent partner", " (recruiter)", " (our recruiter)",
	" (your recruiter)", ", onze recruiter", ", je recruiter", ", jouw recruiter",
	", uw recruiter", ", unsere recruiterin", ", unser recruiter", ", deine recruiterin",
	", dein recruiter", ", notre recruteuse", ", notre recruteur", ", nuestra reclutadora",
	", nuestro reclutador", ", a nossa recrutadora", ", o nosso recrutador",
);

/* A ticket to an event: "your tickets", "Order #", "General Admission",
 * "Dein Ticket", "votre billet", "tu entrada", "seu ingresso". */
LEXICON(ticket_words,
	"your ticket", "your tickets", "order #", "general admission", "admission ticket",
	"e-ticket", "dein ticket", "ihr ticket", "deine tickets", "ihre tickets",
	"votre billet", "vos billets", "ton billet", "tu entrada", "tus entradas",
	"seu ingresso", "seus ingressos", "je ticket", "uw ticket",
);

/* The writer meets the user too: "you will also meet our CEO". */
LEXICON(also_meet,
	"also meet", "also speak", "also be meeting", "also be speaking", "also talk",
	"also be joined", "auch kennenlernen", "auch treffen", "auch sprechen",
	"rencontrerez aussi", "rencontreras aussi", "aussi rencontrer", "rencontrerez \xc3\xa9galement",
	"tambi\xc3\xa9n conocer", "tambi\xc3\xa9n hablar", "tamb\xc3\xa9m conhecer",
	"tamb\xc3\xa9m falar", "ook kennismaken", "ook spreken",
);

/* After a person's name: "Ben Ito will join". */
LEXICON(joins_after,
	" will join", " will also join", " will be joining",
	" is joining", " joins us", " will interview you", " will be interviewing you",
	" will call you", " will meet you", " will also be there", " will be there too",
	" ruft sie", " ruft dich", " vous appellera", " t'appellera", " te llamar\xc3\xa1",
	" le llamar\xc3\xa1", " vai te ligar", " vai ligar", " belt je", " belt u",
	" will lead the interview", " will be your interviewer",
	" would love to meet you", " would like to meet you", " wants to meet you",
	" would love to speak with you", " would like to speak with you",
	" is looking forward to meeting you", " looks forward to meeting you",
);

/* Before interviewers' names: "you'll be meeting with", "Interviewers:". */
LEXICON(people_triggers,
	"meeting with", "meet with", "you'll meet",
	"you will meet", "you\xe2\x80\x99ll meet", "speaking with", "speak with", "interview with",
	"chat with", "call with", "conversation with", "interviewers:", "interviewer:",
	"interviewer(s):", "panel:", "interviewed by", "joined by", "conducted by", "interviewing:",
	"hosted by", "meet:", "you'll be seeing", "you will be seeing", "you\xe2\x80\x99ll be seeing",
	"you'll be talking to", "talking to", "talk with", "talk to",
	"be meeting", "attendees:", "with:", "meet our", "meet the", "to meet", "interviewers will be", "interviewer will be",
	"interviewers are", "interviewer is", "interview panel", "panel will be", "meeting:",
	/* the writer brings a colleague: "I'll bring Dr Ayesha Moosa, our
	 * Chief Medical Officer" */
	"i'll bring", "i will bring", "i\xe2\x80\x99ll bring", "we'll bring", "we will bring",
	"host:", "organizer:", "organiser:", "your host", "interviewer name:",
	"meet your interviewers", "meet your interviewer", "your interviewers",
	"hiring team:", "staff:", "staff member:",
	/* a committee that interviews: a university's, a public body's */
	"hiring committee:", "selection committee:", "selection panel:", "search committee:",
	"committee members:", "panel members:", "comit\xc3\xa9:", "comit\xc3\xa9 de s\xc3\xa9lection:",
	/* "The selection committee members are:", "the panel will consist of" */
	"members are:", "members are", "panel will consist of", "panel consists of",
	"committee will consist of", "committee consists of", "panel comprises",
	"committee comprises", "panel will comprise", "committee will comprise",
	/* a public body's board: "The assessment board will be composed of:" */
	"will be composed of", "is composed of", "board will consist of", "board consists of",
	"assessment board:", "selection board:", "board members:", "interview board:",
	/* who attends: "present will be Mr. Ondřej Král and me" */
	"will be present", "present will be", "will be attending", "attending will be",
	"booked you in with", "scheduled with", "set up with", "all set with", "time with",
	/* the person named: "his name is Doug Brennan", "ask for Isabelle
	 * Renard at reception", "the same panel (Ana Reyes, Ben Okafor ...)" */
	"his name is", "her name is", "ask for", "panel (", "committee (", "commissie (",
	/* "the panel is the same (Mr. Sandeep Joshi and Ms. Priyanka
	 * Deshpande)", "panel remains (..." */
	"panel is the same (", "panel remains the same (", "panel remains (", "panel is unchanged (",
	"panel will be (", "panel will be the same (",
	"comit\xc3\xa9 (", "kommission (", "gremium (", "jury (", "aangevuld met",
	"erg\xc3\xa4nzt durch", "compl\xc3\xa9t\xc3\xa9 par",
	/* German, French, Spanish, Portuguese, Dutch: the word "with"; only a
	 * name sure to be a person's follows (two capitalised words) */
	"with", "mit", "avec", "con", "com", "met",
	"be me and", "it's me and", "from our side", "on our side", "von unserer seite",
	"de notre c\xc3\xb4t\xc3\xa9", "por nuestra parte", "de nuestro lado", "do nosso lado",
	"da nossa parte", "van onze kant",
	"participants:", "teilnehmer:", "teilnehmende:", "participantes:", "deelnemers:",
	/* "Die Teilnehmenden bleiben Andrea Zbinden, Patrick Wyss und ich" */
	"participants are", "participants will be", "participants remain", "teilnehmenden sind",
	"teilnehmenden bleiben", "teilnehmer sind", "teilnehmer bleiben", "participants sont",
	"participantes son", "participantes s\xc3\xa3o", "deelnemers zijn", "partecipanti sono",
	"rencontrerez", "rencontrer", "treffen sie", "lernen sie", "conocer\xc3\xa1s", "vas a conocer",
	"vai conhecer", "conhecer", "ontmoet je", "maak je kennis met",
	/* labels and verbs of the other languages: Spanish, Portuguese,
	 * German, French, Italian, Dutch, Polish */
	"entrevistadores:", "entrevistador:", "entrevistadora:", "entrevistadoras:",
	"gespr\xc3\xa4" "chspartner:", "gespr\xc3\xa4" "chspartnerin:", "intervenants:",
	/* "Ihre Gesprächspartner sind Herr Dr. Matthias Strauch und ..." */
	"gespr\xc3\xa4" "chspartner sind", "gespr\xc3\xa4" "chspartnerin ist",
	"gespr\xc3\xa4" "chspartner ist", "gespr\xc3\xa4" "chspartner werden",
	"vos interlocuteurs seront", "votre interlocuteur sera", "votre interlocutrice sera",
	"sus interlocutores ser\xc3\xa1n", "seus interlocutores ser\xc3\xa3o",
	"gesprekspartners zijn", "gesprekspartners:", "gesprekspartner is",
	"intervistatori:", "partecipanti:", "parteciperanno", "saranno presenti",
	"estar\xc3\xa1n", "participar\xc3\xa1n", "estar\xc3\xa3o", "participar\xc3\xa3o", "estaremos",
	"vai estar tamb\xc3\xa9m", "vai estar", "estar\xc3\xa1 tamb\xc3\xa9m", "tamb\xc3\xa9m estar\xc3\xa1",
	"en pr\xc3\xa9sence de", "in the presence of", "in aanwezigheid van", "in anwesenheit von",
	"en presencia de", "na presen\xc3\xa7\x61 de",
	"seront pr\xc3\xa9sents", "seront pr\xc3\xa9sentes",
	"interlocutores:", "gesprekspartners:", "gesprekspartner:", "nehmen herr", "nehmen frau",
	"po naszej stronie b\xc4\x99" "d\xc4\x85", "da parte nostra",
	"entrevistar\xc3\xa1n", "entrevistar\xc3\xa1", "entrevistada por", "entrevistado por",
	"te entrevista", "le entrevista", "te entrevistan", "le entrevistan",
	"conocer\xc3\xa1s a", "gespr\xc3\xa4" "ch mit", "sprechen mit", "colloquio con", "incontrerai",
	"interviewt door", "gesprek met", "vous entretiendrez avec", "entretien avec",
	"comit\xc3\xa9 de s\xc3\xa9lection:", "comit\xc3\xa9 d'entrevue:", "comit\xc3\xa9:", "jury:",
	"comit\xc3\xa9 de selecci\xc3\xb3n:", "comit\xc3\xaa:", "entrevue avec",
	/* "conducted by" in the other languages: "ser\xc3\xa1 conduzida pelo Eng. Rui Tavares" */
	"conduzida pelo", "conduzida pela", "conduzida por", "conduzido pelo", "conduzido pela",
	"conduzido por", "conducida por", "conducido por", "men\xc3\xa9\x65 par", "men\xc3\xa9 par",
	"conduit par", "conduite par", "gef\xc3\xbchrt von", "durchgef\xc3\xbchrt von",
	"geleid door", "afgenomen door", "condotto da", "condotta da",
	/* who receives the user: "Vous serez re\xc3\xa7ue par Madame Sophie Weber",
	 * "Il sera re\xc3\xa7u par moi-m\xc3\xaame ainsi que par Mme Laetitia Borel" */
	"re\xc3\xa7u par", "re\xc3\xa7ue par", "ainsi que par", "accueilli par", "accueillie par",
	"te van a entrevistar", "le van a entrevistar", "van a entrevistarte",
	"teilnehmen werden", "mit dabei ist", "mit dabei sind", "dabei sein werden",
	"je spreekt", "u spreekt", "spreek je", "spreekt u",
	/* "who" as a label: "WHO:", "Met wie:", "Wer:", "Avec qui :"; the
	 * people emoji of a line of facts ("\xf0\x9f\x91\xa5 Zaid Abrahams and ...") */
	"who:", "met wie:", "wer:", "avec qui:", "con qui\xc3\xa9n:", "com quem:",
	"\xf0\x9f\x91\xa5", "\xf0\x9f\x91\xa4",
);

/* The meeting's people as a group, matched as a word's end (German and
 * Dutch make compounds: "Auswahlkommission", "selectiecommissie"), in a
 * line that ends in a colon and leads a bulleted list: "The panel of
 * three over Google Meet:", "Teilnehmende seitens Kanton:". */
LEXICON(panel_nouns,
	"panel", "panels", "committee", "commissie", "kommission", "gremium", "comit\xc3\xa9",
	"comit\xc3\xaa", "commissione", "jury", "interviewers", "entrevistadores",
	"gespr\xc3\xa4" "chspartner", "gesprekspartners", "intervenants", "panelists", "panellists",
	"intervistatori",
);

/* Those who take part, in such a line ("Teilnehmende seitens Kanton:"),
 * not as a heading alone: a calendar's list of its guests is headed so
 * ("Teilnehmer", the organiser first). */
LEXICON(attendee_nouns,
	"participants", "teilnehmende", "teilnehmer", "deelnemers", "participantes", "partecipanti",
);

/* Words of an institution's name, which runs long ("Mersey & Irwell
 * Teaching Hospitals NHS Foundation Trust"): a sender's name with one
 * may have up to eight words. */
LEXICON(institution_words,
	"trust", "hospital", "hospitals", "nhs", "university", "universit\xc3\xa4t", "universit\xc3\xa9",
	"universidad", "universidade", "universiteit", "universit\xc3\xa0", "college", "council",
	"department", "ministry", "authority", "foundation", "institute", "institut", "instituto",
	"klinik", "klinikum", "h\xc3\xb4pital", "ziekenhuis", "gemeente", "kanton", "canton",
	"county", "commonwealth", "prefeitura", "ayuntamiento", "mairie",
);

/* Labels of the hiring organisation in a notice ("Organisation:
 * Thameside University Hospitals NHS Foundation Trust", "Agency:
 * Department of Veterans Affairs"), before their colon. */
LEXICON(company_labels,
	"organisation", "organization", "employer", "company", "agency", "hiring organisation",
	"hiring organization", "hiring company", "arbeitgeber", "unternehmen", "firma", "entreprise",
	"employeur", "organisme", "empresa", "organizaci\xc3\xb3n", "organiza\xc3\xa7\xc3\xa3o",
	"entidad", "bedrijf", "werkgever", "organisatie",
);

/* The label of a quoted mail's date line, as mail programs write it in
 * the languages read ("Sent:", "Gesendet:", "Envoy\xc3\xa9 :", "Enviado el:",
 * "Verzonden:"): with a "From:" line above, a quoted header block. */
LEXICON(quoted_date_labels,
	"date:", "sent:", "datum:", "gesendet:", "envoy\xc3\xa9 :", "envoy\xc3\xa9:", "fecha:",
	"enviado:", "enviada:", "data:", "verzonden:", "enviado el:", "enviada el:", "enviado em:",
	"enviada em:",
);

/* Honorifics before a name, skipped: "Dr. Paul Nguyen", "Frau Dr. Kraus". */
LEXICON(honorifics,
	"dr", "prof", "mr", "mrs", "ms", "frau", "herr", "herrn", "mme", "mlle", "m", "sr", "sra", "srta",
	/* Spain's "D. Javier Ortega", "Dña. Marta Gil" */
	"d", "d\xc3\xb1\x61", "don", "do\xc3\xb1\x61",
	"dra", "dre", "dhr", "mevr", "madame", "monsieur", "mevrouw", "meneer", "de heer", "mister", "miss",
	"se\xc3\xb1or", "se\xc3\xb1ora", "senhor", "senhora", "signor", "signora", "shri", "smt",
	/* Latin America's titles of a degree: "el Ing. Roberto Salgado", "la Lic. Ana Ruiz" */
	"ing", "lic", "licda", "mtro", "mtra", "eng",
	/* Germany's: "Dipl.-Ing. Sabine Wagner" (the joined degree: honorific_at) */
	"dipl",
	/* Singapore, Malaysia, Indonesia: "Mdm Cheryl Wee", "Puan Lim Mei Fong",
	 * "Encik Faizal", "Ibu Ratna", "Bapak Hendra" */
	"mdm", "puan", "encik", "cik", "tuan", "datuk", "dato", "ibu", "bapak", "pak", "bu",
	/* a school's: "Dean Margaret Hollis" (a whole name after it: "Dean
	 * Thomas" stays a name) */
	"dean", "professor",
	/* British public life: "Cllr Heather Brann", "Revd Anna Cole" */
	"cllr", "councillor", "revd", "rev",
	/* Australian and US academic ranks: "Associate Professor \xc4\x80nahera Te Rangi" */
	"associate professor", "assistant professor", "adjunct professor", "emeritus professor",
	"clinical professor", "a/prof", "assoc prof",
);

/* Between the names of a list ("Ada Brooks and Ben Ito"), in the six
 * languages. */
LEXICON(list_ands,
	"and", "und", "et", "y", "e", "en",
);

/* A mail's closing line before the signature ("Best regards"). */
LEXICON(closings,
	"best", "best regards", "kind regards", "regards",
	"thanks", "thank you", "cheers", "sincerely", "all the best", "warm regards",
	"many thanks", "best wishes", "warmly", "talk soon", "speak soon", "thanks again",
	"with best regards", "kindest regards", "warmest regards", "yours sincerely",
	"looking forward to speaking with you", "looking forward", "thanks so much",
	"thank you again", "have a great day", "best,", "mvh", "cordialement",
	"med v\xc3\xa4nliga h\xc3\xa4lsningar", "yst\xc3\xa4v\xc3\xa4llisin terveisin",
	"viele gr\xc3\xbc\xc3\x9f" "e", "--",
	/* the closings of the other languages read */
	"liebe gr\xc3\xbc\xc3\x9f" "e", "beste gr\xc3\xbc\xc3\x9f" "e", "mit freundlichen gr\xc3\xbc\xc3\x9f" "en",
	"freundliche gr\xc3\xbc\xc3\x9f" "e", "gru\xc3\x9f", "bien cordialement", "bien \xc3\xa0 vous",
	"\xc3\xa0 bient\xc3\xb4t", "un abrazo", "un saludo", "saludos", "atentamente",
	"cordialmente", "un cordial saludo", "reciba un cordial saludo", "cordiales saludos",
	"saludos cordiales", "muchas gracias", "um abra\xc3\xa7o", "abra\xc3\xa7o", "abra\xc3\xa7os", "cumprimentos",
	"com os melhores cumprimentos", "melhores cumprimentos", "met vriendelijke groet",
	"vriendelijke groet", "hartelijke groet", "groet", "groeten", "gr", "mvg",
	/* Swiss German writes no \xc3\x9f; Italian; the Nordic languages */
	"freundliche gr\xc3\xbcsse", "liebe gr\xc3\xbcsse", "beste gr\xc3\xbcsse", "viele gr\xc3\xbcsse",
	"herzliche gr\xc3\xbcsse", "mit freundlichen gr\xc3\xbcssen", "herzliche gr\xc3\xbc\xc3\x9f" "e",
	"gr\xc3\xbcsse", "liebe gr\xc3\xbc\xc3\x9f" "e aus z\xc3\xbcrich", "mit besten gr\xc3\xbcssen",
	"cordiali saluti", "distinti saluti", "saluti", "un caro saluto", "cari saluti", "a presto",
	"buona giornata", "med v\xc3\xa4nlig h\xc3\xa4lsning", "v\xc3\xa4nliga h\xc3\xa4lsningar",
	"med venlig hilsen", "venlig hilsen", "mvh", "hilsen",
	/* a public body's and the US formal ones */
	"respectfully", "very respectfully", "v/r", "respectfully yours", "with appreciation",
	"with gratitude", "best regards and happy holidays", "take care", "thank you kindly",
);

/* The writer is the interviewer: "I'll call you", "our phone screen". */
LEXICON(first_person,
	"our phone screen", "our call",
	"our interview", "our chat",
	"speak with me", "talk with me", "chat with me", "meet with me",
	"our video call", "our conversation", "join me", "with me and",
	"joining me", "i'll be interviewing", "i will be interviewing",
	"i look forward to meeting", "i look forward to speaking",
	"and me", "and myself", "und mir", "und mich", "et moi", "et moi-m\xc3\xaame",
	"y conmigo", "y yo", "e comigo", "e eu", "en mij", "en ik",
	"ainsi que moi", "ainsi que moi-m\xc3\xaame", "und ich", "sowie ich", "sowie mir",
	"with myself and", "myself and", "vai estar tamb\xc3\xa9m", "estar\xc3\xa1 tamb\xc3\xa9m",
	"estar comigo", "estar\xc3\xa1 comigo", "estar\xc3\xa1 conmigo", "estar\xc3\xa1n conmigo",
	"estar\xc3\xa1 tambi\xc3\xa9n", "will also join us", "will also be joining us", "i've booked us", "i have booked us", "booked us in",
	/* "Kate Finch (my co-director) will join us": "us" is the writer and the reader */
	"will join us", "will be joining us",
	"lass uns", "ich hab uns", "ich habe uns", "et de moi-m\xc3\xaame", "en ikzelf", "en mijzelf", "en mezelf", "und mir selbst", "y yo mismo",
	"y yo misma", "e eu mesmo", "e eu mesma",
	"be me and", "it's me and", "i will join", "i'll join", "i'll be joining", "i will be joining",
	"i will also join", "i'll also join", "and join for", "i'll sit in", "i will sit in",
	/* "conducted by ... and me" */
	"and by me", "e por mim", "y por m\xc3\xad", "et par moi", "und von mir", "en door mij",
	"e da me", "neben mir", "met mij", "mij en",
	/* the writer as "the undersigned": "con ... Ignacio Fuentes, y quien suscribe" */
	"y quien suscribe", "y quien le escribe", "e quem subscreve", "e quem lhe escreve",
	"et la soussign\xc3\xa9\x65", "et le soussign\xc3\xa9", "and the undersigned",
	"en ondergetekende",
	/* the writer brings a colleague along: "I'll bring Dr Ayesha Moosa" */
	"i'll bring", "i will bring", "i\xe2\x80\x99ll bring",
);

/* The writer will call the user: the interview itself when the mail names
 * nobody else who interviews, else a call around it ("I'll ring you
 * Monday to prep"). */
LEXICON(writer_calls,
	"i'll call you", "i will call you", "i'll ring you", "i'll call your", "i will call your",
	"i'll ring your", "i'll call on your",
	"i'll give you a ring", "i will give you a ring", "i'll give you a call",
	"i will give you a call", "i'll phone you", "i will phone you", "i'll be calling you",
	"i will be calling you", "ich rufe sie", "ich rufe dich", "je vous appellerai",
	"je t'appellerai", "te llamar\xc3\xa9", "le llamar\xc3\xa9", "vou te ligar", "ik bel je",
	"ik bel u", "ti chiamer\xc3\xb2", "la chiamer\xc3\xb2",
);

/* The writer will be at the meeting they arrange with the user: "let's
 * do Friday at 10", "here's my Zoom", "I've blocked 45 minutes".  Like
 * writer_calls, only when the mail names nobody else who interviews. */
LEXICON(writer_meets,
	"let's do", "let's meet", "let's chat", "let's talk", "let's speak", "let's grab",
	"let\xe2\x80\x99s do", "let\xe2\x80\x99s meet", "let\xe2\x80\x99s chat",
	"let\xe2\x80\x99s talk", "let\xe2\x80\x99s speak", "let\xe2\x80\x99s grab",
	"my zoom", "my teams link", "my meet link", "my meeting link", "my personal meeting",
	"my video link", "my webex", "here's my", "here is my", "i've blocked", "i have blocked",
);

/* The writer's farewell to a meeting ("see you then", "tot dan"): the
 * writer will be there, or only says so as the coordinator does ("see
 * you then! Ravi will send the Zoom").  Taken as the writer's seat only
 * when the mail names nobody else who interviews, and then with a doubt
 * (detect_confidence.c).  Not after "to" ("they'd like to see you"). */
LEXICON(writer_farewells,
	"see you then", "see you there", "see you on", "see you at", "see you tomorrow",
	"see you next", "see you monday", "see you tuesday", "see you wednesday",
	"see you thursday", "see you friday",
	"tot dan", "bis dann", "bis dahin", "\xc3\xa0 tout \xc3\xa0 l'heure", "hasta entonces",
	"nos vemos", "at\xc3\xa9 l\xc3\xa1", "tot maandag", "tot dinsdag", "tot woensdag",
	"tot donderdag", "tot vrijdag", "bis montag", "bis dienstag", "bis mittwoch",
	"bis donnerstag", "bis freitag", "bis morgen", "tot morgen", "\xc3\xa0 demain",
	"\xc3\xa0 lundi", "\xc3\xa0 mardi", "\xc3\xa0 mercredi", "\xc3\xa0 jeudi",
	"\xc3\xa0 vendredi", "hasta ma\xc3\xb1" "ana", "at\xc3\xa9 amanh\xc3\xa3", "ci vediamo",
	"a domani",
);

/* ---- places ---- */

/* A location that is no place: a video call, "TBD". */
LEXICON(virtual_places,
	"zoom", "teams", "google meet", "meet.google", "webex",
	"video", "phone", "http", "online", "virtual", "remote", "hangout", "skype",
	"call", "tbd", "tba", "n/a", "to be confirmed"
);

/* Labels that introduce a place: "Location: ...". */
LEXICON(location_labels,
	"location:", "address:", "where:", "venue:", "place:"
);

/* ---- references ---- */

/* A request for references. */
LEXICON(reference_yes,
	"references", "referees", "reference check",
	"reference checks", "referee", "reference letter", "reference letters",
	"your reference", "a reference", "two references", "three references",
	/* German, French, Spanish, Portuguese, Dutch, Italian, Polish */
	"referenzen", "referenzgeber", "r\xc3\xa9\x66\xc3\xa9rences", "referencias",
	"refer\xc3\xaancias", "referenties", "referenze", "referencje", "referencji",
);

/* Uses of "reference" that are no request ("for your reference"). */
LEXICON(reference_no,
	"for your reference", "for reference", "reference number",
	"reference no", "reference code", "reference id", "job reference", "reference:",
	"as a reference", "for future reference", "reference #", "with reference to",
	"in reference to", "references:", "cross-reference", "booking reference"
);

/* ---- loop tables (detect_table.c) ---- */

/* Sessions that are no conversation: they neither start nor end a loop
 * unless someone is named beside them. */
LEXICON(session_pauses, "break", "lunch", "coffee", "arrival", "arrive",
	"check-in", "check in", "tour", "welcome", "pause", "mittagspause", "déjeuner",
	/* the candidate's own tasks of an assessment day: nobody to meet */
	"individual exercise", "psychometric", "invigilated", "observed by", "self-paced",
	"preparation", "online test", "written test", "written exercise", "group exercise",
	"role-play",
	/* the breaks of the other languages: a reception, a coffee, lunch */
	"rece\xc3\xa7\xc3\xa3o", "recep\xc3\xa7\xc3\xa3o", "recepci\xc3\xb3n", "acolhimento", "pausa",
	"almo\xc3\xa7o", "almuerzo", "kaffeepause", "empfang", "accueil", "pauze", "ontvangst"
);

/* Words of a session's title, never of a person's name ("System
 * Design", "Culture Conversation"): they keep titles out of the people. */
LEXICON(session_titles, "design", "system", "systems", "conversation",
	"interview", "review", "exercise", "coding", "code", "technical", "culture", "values",
	"behavioral", "behavioural", "fit", "chat", "screen", "deep", "dive", "case", "study",
	"presentation", "modeling", "modelling", "architecture", "panel", "intro", "introduction",
	"debrief", "assessment", "pairing", "programming", "whiteboard", "leadership", "session",
	"discussion", "meeting", "onsite", "round", "final", "hiring", "sense", "strategy",
	"problem", "solving", "algorithms", "experience", "background", "motivation", "q&a",
	"deep-dive", "live", "take-home", "walkthrough", "wrap-up", "welcome", "tour", "lunch",
	"break", "collaboration", "communication", "craft", "portfolio", "partnership",
	"cross-functional", "product", "data", "debugging", "api", "scale",
	"scaling", "distributed", "infrastructure", "project", "retrospective"
);

/* Header words of the interviewer column (a cell that is one, or starts
 * with one). */
LEXICON(interviewer_headers, "interviewer", "interviewers", "interviewer(s)",
	"with", "panel", "panelist", "panelists", "who", "attendees", "host", "meeting with",
	"gesprächspartner", "intervenant", "entrevistador"
);

/* ---- fields as people write them (detect_org.c, detect_people.c) ---- */

/* Legal forms of other countries, dropped like lex_legal_suffixes. */
LEXICON(legal_forms,
	" Pvt.", " Private Limited", " Pty.", " LLP", " Co.", " Pte.", " Pte", " Sdn. Bhd.",
	" Sdn Bhd", " Bhd", " DMCC", " W.L.L.", " WLL",
	" Sp. z o.o.", " sp. z o.o.", " S.r.l.", " Srl", " S.R.L.",
	" s.r.l.", " S.p.A.", " SpA", " S.L.", " SL", " S.L.U.", " S.A.S.", " SAS", " SARL",
	" S.A.R.L.", " Ltda.", " Lda.", " N.V.", " NV", " KG", " UG", " e.V.",
	" A/S", " ApS", " AS", " SE", " K.K.", " GmbH & Co. KG", " Oy Ab",
	/* South Africa's: "(Pty) Ltd", "(RF)", "NPC", "SOC Ltd" */
	" (Pty)", " (PTY)", " Pty", " PTY", " (RF)", " NPC", " SOC", " (SOC)", " LLC-FZ", " FZ-LLC",
	" FZE", " FZCO",
	/* a partnership's: the US and Canada, Quebec, Mexico ("Ordaz, Villaseñor
	 * y Garza, S.C.") */
	" L.L.P.", " LP", " S.E.N.C.R.L.", " s.e.n.c.r.l.", " S.C.",
	/* South-East Asia: "Pte Ltd", "Berhad", "Tbk", "Public Company Limited" */
	" Ltd", " LTD", " Berhad", " BERHAD", " Tbk", " Tbk.", " TBK", " Public Company Limited",
	" PCL", " Company Limited", " Co., Ltd.", " Co., Ltd", " Co.,Ltd.", " Public Company",
	" Public",
	/* Ireland's: a company limited by guarantee, a designated activity
	 * company, an unlimited one, "Teoranta" */
	" CLG", " DAC", " ULC", " Teoranta", " Teo.",
	/* Qu\xc3\xa9\x62\x65\x63 writes its forms in lower case: "Bor\xc3\xa9\x61lis Th\xc3\xa9rapeutique inc.", "lt\xc3\xa9\x65" */
	" inc.", " lt\xc3\xa9\x65", " lt\xc3\xa9\x65.",
	/* Mexico's and Latin America's: "S.A. de C.V.", "S. de R.L. de C.V.",
	 * "S.A.P.I. de C.V.", "S.A.S." (Colombia), "S.R.L." */
	" S.A. de C.V.", " S.A. de C.V", " SA de CV", " S. de R.L. de C.V.", " S. de R.L.",
	" S.A.P.I. de C.V.", " SAPI de CV", " S.A.C.", " S.A.A.", " E.I.R.L.",
	/* Czech, Slovak, Polish, Portuguese */
	" a.s.", " a.s", " s.r.o.", " s.r.o", " S.A.", " Lda", " S.A",
	/* more of the Gulf's (its free zones' are above): "Wadi Noor
	 * Resorts L.L.C", "PJSC", "S.A.O.G" */
	" L.L.C.", " L.L.C", " FZ LLC", " W.L.L", " PJSC", " P.J.S.C.", " S.A.O.G", " SAOG",
	" Q.P.S.C.", " QPSC",
);

/* Words that make a name a unit of an organisation, not the whole
 * ("Department of Biostatistics", "Faculty of Health Sciences", "Julius
 * Centre for Population Health"). */
LEXICON(unit_words,
	"department", "dept", "division", "school", "faculty", "college", "centre", "center",
	"unit", "programme", "laboratory", "section", "departamento", "d\xc3\xa9partement",
	"departement", "afdeling", "abteilung", "fakult\xc3\xa4t", "facult\xc3\xa9", "facultad",
	"faculdade", "faculteit", "divis\xc3\xa3o", "divisi\xc3\xb3n", "escuela",
	"\xc3\xa9" "cole", "escola",
);

/* Words of a region, no one's name ("Area Vice President - Middle East",
 * "Asia Pacific"): a compass's, a continent's, a bloc's. */
LEXICON(region_words,
	"north", "south", "east", "west", "middle", "central", "northern", "southern", "eastern",
	"western", "asia", "pacific", "europe", "america", "americas", "africa", "gulf", "nordics",
	"levant", "latin", "emea", "apac", "mena", "gcc", "asean",
);

/* Words that name an institution units belong to: a university, a
 * hospital, a government ("School of Public Health, University of the
 * Highveld"). */
LEXICON(parent_words,
	"university", "universiteit", "rijksuniversiteit", "universit\xc3\xa9", "universidad",
	"universidade", "universit\xc3\xa4t", "universit\xc3\xa0", "hospital", "h\xc3\xb4pital",
	"krankenhaus", "ziekenhuis", "klinikum", "government", "ministry",
);

/* Words that end an organisation's name (lower case). */
/* Words that begin an organisation's name before it ("Grupo Altamar",
 * "Groupe Ardoise"): fuller_company takes them in. */
LEXICON(org_heads,
	"grupo", "groupe", "gruppo", "gruppe", "groep", "banco", "banque", "banca",
	/* schools and foundations: "Colegio Anglo Andino", "Escola
	 * Internacional Jardim Paulista" */
	"colegio", "escola", "instituto", "institut", "universidad", "universidade",
	"museo", "museu", "liceo", "fundaci\xc3\xb3n", "funda\xc3\xa7\xc3\xa3o", "fondation",
	"stichting", "stiftung",
);

LEXICON(org_tails,
	"systems", "software", "labs", "lab", "technologies", "technology", "tech", "studio",
	"studios", "digital", "cloud", "analytics", "media", "health", "bio", "biotech",
	"robotics", "energy", "power", "grid", "bank", "capital", "financial",
	"payments", "pay", "insurance", "mutual", "assurance", "freight", "logistics", "mobility",
	"maps", "games", "foods", "networks", "solutions", "consulting", "group",
	"holdings", "ventures", "partners", "industries", "therapeutics", "pharma", "motors",
	"airlines", "works", "ai", "io", "interactive", "climate", "retail", "mining",
	"commerce", "data", "insights", "reinsurance", "ledger", "security", "learning",
	"education", "solar", "water", "mobile",
	/* hospitality: "Sterling Crest Hotels & Resorts", "Azure Horizon
	 * Cruises" */
	"hotels", "hotel", "resorts", "resort", "cruises", "hospitality", "suites", "inns",
	"casino", "hoteles", "hot\xc3\xa9is", "h\xc3\xb4tels",
	/* German, French, Spanish, Portuguese, Dutch, Italian */
	"systeme", "logistik", "versicherung", "versicherungen", "gesundheit", "energie",
	"mobilit\xc3\xa4t", "sant\xc3\xa9", "assurances", "\xc3\xa9nergie", "seguros", "sistemas",
	"energ\xc3\xad" "a", "energia", "salud", "sa\xc3\xba" "de", "log\xc3\xadstica", "pagos",
	"pagamentos", "pagamenti", "tecnologia", "tecnolog\xc3\xad" "a", "tecnologias",
	"assicurazioni", "banca", "banco", "movilidad", "mobilidade", "mobilit\xc3\xa0",
	/* Dutch, and more of the others */
	"verzekeringen", "verzekering", "zorg", "techniek", "bouw", "logistiek", "betalingen",
	"banque", "logiciels", "telecom", "t\xc3\xa9l\xc3\xa9\x63om",
	"t\xc3\xa9l\xc3\xa9\x63oms",
	"finanzas", "finan\xc3\xa7\x61s", "finanz", "finanzen", "fintech", "entertainment",
	/* care: "Seacoast Regional Medical Center", "... Home Health & Hospice" */
	"hospital", "medical", "center", "centre", "clinic", "hospice",
	/* the built environment and public bodies: "Lomax Hartley Engineers",
	 * "Northwall Engineering", "Wattle Bay Council" */
	"engineers", "engineering", "infrastructure", "construction", "consultants",
	"architects", "contractors", "council", "authority",
	/* schools and culture: "Ravensbourne Hill School", "Harrow Vale
	 * Sixth Form College", "Northbridge Learning Trust" */
	"school", "academy", "college", "trust", "museum", "gallery", "library",
	/* research and the life sciences: "Parexa Clinical", "Novagen
	 * Biologics", "HealthBridge International", "Cascadia Institute" */
	"university", "institute", "clinical", "biologics", "pharmaceuticals", "sciences",
	"biosciences", "diagnostics", "laboratories", "international", "foundation",
);

/* Small words inside a job title ("Head of Engineering", "Cheffe de
 * projet technique", "Research and Development"). */
LEXICON(role_particles,
	"of", "and", "&", "for", "de", "del", "da", "do", "das", "dos", "di", "della", "du", "des",
	"d'", "f\xc3\xbcr", "und", "van", "voor", "en", "y", "e", "et", "-", "/",
);

/* In parentheses after a job title, a work mode or contract, no part of
 * it ("Backend Engineer (Remote)"). */
LEXICON(role_paren_not,
	"remote", "hybrid", "onsite", "on-site", "contract", "freelance", "interim", "temporary",
	"part-time", "full-time", "permanent", "remoto", "h\xc3\xad" "brido", "teletrabajo",
	"vollzeit", "teilzeit", "befristet", "cdi", "cdd", "t\xc3\xa9l\xc3\xa9travail",
	"hybride", "thuiswerk",
	/* the stage of the process, not of the job: "(Final Round)" */
	"round", "stage", "interview", "screen", "onsite loop", "runde", "tour", "ronda",
);

/* Job nouns of the Romance languages, which adjectives follow in lower
 * case ("Ing\xc3\xa9nieure backend senior", "Cheffe de projet technique"). */
LEXICON(job_nouns_noun_first,
	"ing\xc3\xa9nieur", "ing\xc3\xa9nieure", "d\xc3\xa9veloppeur", "d\xc3\xa9veloppeuse", "chef", "cheffe",
	"charg\xc3\xa9", "charg\xc3\xa9" "e", "responsable", "architecte", "ingeniero", "ingeniera",
	"desarrollador", "desarrolladora", "arquitecto", "arquitecta", "analista", "consultor",
	"consultora", "gerente", "jefe", "jefa", "engenheiro", "engenheira", "desenvolvedor",
	"desenvolvedora", "arquiteto", "arquiteta", "gestor", "gestora", "sviluppatore", "sviluppatrice", "ingegnere",
	"ingegnera", "programmatore", "programmatrice", "consulente", "tecnico", "t\xc3\xa9" "cnico",
	"analyste", "conseiller", "conseill\xc3\xa8re", "directeur", "directrice", "gestionnaire",
	"sp\xc3\xa9\x63ialiste", "coordonnateur", "coordonnatrice", "technicien", "technicienne",
	"l\xc3\xad\x64\x65r", "directora", "especialista", "coordinador", "coordinadora",
	"diretor", "diretora", "coordenador", "coordenadora", "cientista",
	"avocat", "avocate", "abogado", "abogada", "asociado", "asociada", "advogado", "advogada",
	"juriste", "advocaat",
	/* a designer, in French, Spanish, Portuguese: "Designer produit senior" */
	"designer", "dise\xc3\xb1\x61\x64or", "dise\xc3\xb1\x61\x64ora",
);

/* Words as common as "for" that may come before a job title: one counts
 * only before a capitalised title with a job noun ("onsite for Staff
 * Backend Engineer at Marigold Pay"). */
LEXICON(role_intros_cap,
	"for", "als", "como", "comme", "voor", "per", "para",
);

/* Labels of a table row or line that lists the interviewers, besides
 * lex_interviewer_headers ("Staff" and "Mitarbeiter" of a booking tool). */
LEXICON(people_labels,
	"staff", "mitarbeiter", "mitarbeiterin", "entrevistadores", "entrevistadoras",
	"entrevistadora", "gespr\xc3\xa4" "chspartnerin", "gespr\xc3\xa4" "chspartner*innen",
	"intervenants", "intervenante", "interviewer name", "interviewer names", "interviewed by",
	"panel members", "intervistatori", "intervistatore", "partecipanti", "interlocutores",
	"gesprekspartner", "gesprekspartners", "met", "avec", "mit", "con", "com",
);

/* The writer names themself among the interviewers ("Felix Hartmann und
 * ich"), in the six languages and Italian and Polish. */
LEXICON(first_person_listed,
	"and me", "and myself", "und ich", "und mir", "und mich", "sowie ich", "et moi",
	"ainsi que moi", "y yo", "y conmigo", "e eu", "e comigo", "en ik", "en mij", "e io", "ed io",
	"oraz ja", "be me and", "it's me and", "it will be me", "moi-m\xc3\xaame",
	"en ikzelf", "en mijzelf", "en mezelf", "en mijn persoon", "y yo mismo", "y yo misma",
	"e eu mesmo", "e eu mesma",
	/* "conducted by ... and me": "e por mim", "y por m\xc3\xad", "et par moi" */
	"and by me", "e por mim", "y por m\xc3\xad", "et par moi", "und von mir", "en door mij",
	"e da me",
	/* the writer as "the undersigned": "con ... Ignacio Fuentes, y quien suscribe" */
	"y quien suscribe", "y quien le escribe", "e quem subscreve", "e quem lhe escreve",
	"et la soussign\xc3\xa9\x65", "et le soussign\xc3\xa9", "and the undersigned",
	"en ondergetekende",
);
