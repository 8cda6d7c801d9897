/*
 * Unit tests for the fields of a detection as people write them (issue
 * 12, item 4): the company, the role, the interviewers and the contact,
 * each read by the part of recognition that owns it (detect_org.c,
 * detect_people.c, detect_table.c) on small mails made for the rule, so
 * a case says which principle it pins and does not hang on the kind.
 */
#include "autoconfig.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "detect.h"
#include "detect_int.h"
#include "message.h"
#include "util.h"

static const char *const me[] = { "jane.doe@example.net" };

static void opts_for_tests(struct detect_opts *o)
{
	detect_opts_init(o);
	o->my_addresses = me;
	o->n_my_addresses = ARRAY_LEN(me);
	o->my_name = "Jane Doe";
	o->timezone = "Europe/London";
	o->now = 1800000000;
}

/* A mail: headers (each line ending in \n, without Date and To) and a
 * plain-text body, or an HTML one when html. */
static struct message *mail(const char *headers, const char *body, bool html)
{
	char *raw = xasprintf("%sTo: Jane Doe <jane.doe@example.net>\n"
	    "Date: Tue, 24 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\n"
	    "Content-Type: text/%s; charset=utf-8\n\n%s", headers, html ? "html" : "plain", body);
	struct message *m = message_parse(raw, strlen(raw), NULL);

	free(raw);
	assert_non_null(m);
	return m;
}

static char *iso_utc(time_t t)
{
	struct tm tm;
	char b[32];

	gmtime_r(&t, &tm);
	strftime(b, sizeof(b), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(b);
}

static void expect_eq(const char *got, const char *want, const char *what)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: want \"%s\" got \"%s\"", what, want ? want : "(null)", got ? got : "(null)");
}

/* The full detection of a mail; the caller frees it. */
static void detect(const char *headers, const char *body, bool html, struct detection *d)
{
	struct detect_opts o;
	struct message *m = mail(headers, body, html);

	opts_for_tests(&o);
	assert_int_equal(detect_message(m, &o, d), 0);
	message_free(m);
}

/* ---- the company -------------------------------------------------------------- */

/* The signer's organisation of a mail (what find_signer reads). */
static char *signature_company(const char *from, const char *body)
{
	struct detect_opts o;
	struct message *m;
	struct ctx c;
	struct signer sg;
	char *headers = xasprintf("From: %s\nSubject: Your interview\n", from);
	char *r;

	opts_for_tests(&o);
	m = mail(headers, body, false);
	ctx_open(&c, m, &o);
	find_signer(&c, &sg);
	r = sg.company;
	free(sg.name);
	free(sg.email);
	ctx_close(&c);
	message_free(m);
	free(headers);
	return r;
}

static const struct { const char *from, *sig, *want; } signatures[] = {
	/* the part that names the writer's domain, not the city after it */
	{ "Yara Haddad <yara.haddad@meridiankite.example>",
	    "Kind regards,\nYara Haddad\nRecruiter, Meridian Kite | Amsterdam\n", "Meridian Kite" },
	/* not the address line */
	{ "Chloe Nguyen <chloe.nguyen@southerlycloud.example>",
	    "Kind regards,\nChloe Nguyen\nPeople & Talent Lead\nSoutherly Cloud | Level 9, 60 Martin Place, Sydney\n",
	    "Southerly Cloud" },
	/* not the job title before it */
	{ "Megan Fairweather <megan.fairweather@orchardstreet.example>",
	    "Best,\nMegan\nMegan Fairweather | Talent Partner | Orchard Street Media\n", "Orchard Street Media" },
	/* legal forms stack and come from other countries */
	{ "Ananya Krishnan <ananya.krishnan@tarangpay.example>",
	    "Regards,\nAnanya Krishnan\nTalent Acquisition | Tarang Payments Pvt. Ltd., Bengaluru\n", "Tarang Payments" },
	{ "Ma Kowalczyk <ma.kowalczyk@bursztyn.example>",
	    "Regards,\nMa Kowalczyk\nBursztyn Software sp. z o.o., Gdansk\n", "Bursztyn Software" },
	/* a free-mail writer: the first part that can be a name, the city
	 * after it left */
	{ "Rosie Kell <rosie.kell@gmail.com>",
	    "Thanks,\nRosie Kell\nTalent Acquisition Partner\nGullwing Energy | Bristol\n", "Gullwing Energy" },
	/* a team's field is no organisation */
	{ "Gareth Lowe <gareth.lowe@halcyontalent.example>",
	    "Cheers,\nGareth\n\nGareth Lowe | Senior Consultant, Data & AI\nHalcyon Talent | +44 20 7946 0321\n",
	    "Halcyon Talent" },
	/* after a job title a name-like organisation counts ("Title, Org") */
	{ "Lukas Becker <lukas.becker@gmail.com>",
	    "Best regards,\nLukas Becker\nEngineering Manager, Ostara Biotech\nLeiden, NL\n", "Ostara Biotech" },
};

static void test_signature_company(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(signatures); i++) {
		char *got = signature_company(signatures[i].from, signatures[i].sig);

		expect_eq(got, signatures[i].want, signatures[i].sig);
		free(got);
	}
}

static void test_domain_company(void **state)
{
	char *r;

	(void)state;
	/* one word of a domain split at a word that ends organisations' names */
	r = domain_company("lena.park@heliosenergy.com");
	expect_eq(r, "Helios Energy", "heliosenergy");
	free(r);
	r = domain_company("dana@northwindclimate.example");
	expect_eq(r, "Northwind Climate", "northwindclimate");
	free(r);
	/* a short head is no evidence: "Initech" stays */
	r = domain_company("ada@initech.com");
	expect_eq(r, "Initech", "initech");
	free(r);
	assert_true(org_matches_domain("Orchard Street Media", "megan@orchardstreet.example"));
	assert_true(org_matches_domain("Lantern Bio Ltd", "p.shah@lanternbio.example"));
	assert_false(org_matches_domain("Cambridge", "p.shah@lanternbio.example"));
	assert_false(org_matches_domain("Acme", "someone@gmail.com"));
	/* starts of words, the kind of organisation left out, a particle
	 * and a hyphen's halves */
	assert_true(org_matches_domain("North Shore Community Hospital", "lf@nshorecommunity.example"));
	assert_true(org_matches_domain("Casco Bay Medical Center", "md@cascobaymed.example"));
	assert_true(org_matches_domain("H\xc3\xb4pital Sainte-Famille de Laval", "rh@hsfl.example"));
	assert_false(org_matches_domain("North Shore Community Nurses", "lf@nshorecommunity.example"));
	assert_false(org_matches_domain("Shore Community Hospital", "lf@nshorecommunity.example"));
	assert_true(org_matches_domain("Commonwealth General Hospital", "ko@commgen.example"));
	assert_false(org_matches_domain("Commonwealth Hospital", "ko@commgen.example"));
	/* the first and last words whole, those between left out */
	assert_true(org_matches_domain("Emerald Necklace Health", "hg@emeraldhealth.example"));
	assert_true(org_matches_domain("Fenway College of Nursing", "bs@fenwaynursing.example"));
	assert_false(org_matches_domain("Emerald Health", "hg@emeraldnecklace.example"));
}

static void test_company_in_full(void **state)
{
	struct detection d;

	(void)state;
	/* the mail writes the name in full once: that is the company */
	detect("From: Dana Reyes <dana.reyes@granitepeak.example>\n"
	    "Subject: Granite Peak interview cancelled\n",
	    "Hi Jane,\n\nI'm sorry, but we have to cancel your interview on Thursday 3 December at "
	    "2pm PT: the role has been put on hold.\n\nBest,\nDana Reyes\nRecruiting | Granite Peak Systems\n",
	    false, &d);
	expect_eq(d.company, "Granite Peak Systems", "Granite Peak Systems");
	detection_free(&d);
	/* one word after "interview with" that the mail uses as a person's
	 * first name is no company */
	detect("From: Bree Nakamura <bree@halcyonfreight.example>\n"
	    "Subject: New time for your interview with Sam (Senior Data Engineer)\n",
	    "Hi Jane,\n\nSam has a clash on Wednesday, so I've moved your conversation with him to "
	    "Thursday, December 17 at 2pm PT.\n\nBree\n\nBree Nakamura\nRecruiting, Halcyon Freight\n",
	    false, &d);
	expect_eq(d.company, "Halcyon Freight", "interview with Sam");
	detection_free(&d);
	/* the hiring department's word after a name the mail also writes
	 * alone is no part of it */
	detect("From: Wabash Street Capital Recruiting <scheduling@notifications.modernloop.io>\n"
	    "Reply-To: Nora Kaminski <nora.kaminski@wabashcap.example>\n"
	    "Subject: Your final round with Wabash Street Capital\n",
	    "Hi Jane,\n\nYour final round at Wabash Street Capital is on Monday 14 December at 9am CT.\n\n"
	    "The Wabash Street Capital Recruiting Team\n", false, &d);
	expect_eq(d.company, "Wabash Street Capital", "a department's word");
	detection_free(&d);
	/* the name in full in the writer's own earlier mail, quoted */
	detect("From: Rob Albright <rob.albright@harborviewcap.example>\n"
	    "In-Reply-To: <q@example.net>\nSubject: Re: Harborview - Data Engineering Manager\n",
	    "Tuesday at 2pm MT works, talk then.\n\nRob\n\n"
	    "On Wed, Dec 2, 2026 at 6:00 PM Jane Doe <jane.doe@example.net> wrote:\n"
	    "> Hi Rob, for the 45-minute conversation I could do Tuesday at 2pm MT.\n>\n"
	    ">> On Wed, Dec 2, 2026 at 9:14 AM Rob Albright <rob.albright@harborviewcap.example> wrote:\n"
	    ">> Hi Jane - Rob here, I run data engineering at Harborview Capital.\n", false, &d);
	expect_eq(d.company, "Harborview Capital", "in the quoted thread");
	detection_free(&d);
	/* the name ends at its line: the postal address below it is no
	 * part ("Fenwick & Rye" / "Studio 4, 12 Calvert Avenue") */
	detect("From: Rupert Hale <rupert@fenwickrye.example>\nSubject: Portfolio review\n",
	    "Hi Jane,\n\nThis is the interview for the Senior Designer role, Tuesday 22nd at noon UK time.\n\n"
	    "Rupert\n\nRupert Hale\nFounder, Fenwick & Rye\nStudio 4, 12 Calvert Avenue, London E2 7JP\n", false, &d);
	expect_eq(d.company, "Fenwick & Rye", "up to the line's end");
	detection_free(&d);
	/* a school's name goes on with its kind ("School") where the
	 * address leaves it out */
	detect("From: Helen Okoro <h.okoro@ravensbournehill.example>\nSubject: Interview: Head of Science\n",
	    "Dear Dan,\n\nRavensbourne Hill School has invited you to interview for the post of Head of "
	    "Science on Tuesday 8 December at 8.30am.\n\nHelen Okoro\nHR Manager\n", false, &d);
	expect_eq(d.company, "Ravensbourne Hill School", "a school's kind after its name");
	detection_free(&d);
	/* a unit of a university in the signature, the university after it:
	 * the job is with the university */
	detect("From: Megan Kowalski <mkowalski@hartwell-sph.example>\n"
	    "Subject: Campus visit - Assistant Professor of Biostatistics\n",
	    "Dear Jane,\n\nWe are delighted to invite you to interview for the Assistant Professor "
	    "of Biostatistics post on Monday 8 March 2027 at 9:00 AM Eastern.\n\nBest,\nMegan\n\n"
	    "Megan Kowalski\nFaculty Search Coordinator\nDepartment of Biostatistics | Hartwell "
	    "University School of Public Health\n677 Huntington Avenue, Boston, MA 02115\n", false, &d);
	expect_eq(d.company, "Hartwell University School of Public Health", "a department's university");
	detection_free(&d);
	detect("From: Elmarie du Toit <elmarie.dutoit@boland-uni.example>\nSubject: Interview\n",
	    "Dear Jane,\n\nThe selection committee invites you to interview for the Senior Lecturer "
	    "post on Friday 26 February 2027 at 10h00 SA time.\n\nElmarie du Toit\n"
	    "Head: Division of Epidemiology\nFaculty of Medicine and Health Sciences, University of "
	    "the Boland\n", false, &d);
	expect_eq(d.company, "University of the Boland", "a faculty's university");
	detection_free(&d);
	/* a person's name with the office in brackets: a faculty's office is
	 * no company; the signature's university is */
	detect("From: \"Dr. Alan Whitford (Faculty Recruitment)\" <faculty.recruitment@tasman.example>\n"
	    "Subject: Interview - Assistant Professor\n",
	    "Dear Jane,\n\nThe committee invites you to a Zoom interview on Monday 22 February 2027 at "
	    "9:00 a.m. Pacific.\n\nSincerely,\n\nDr. Alan Whitford\nAssociate Dean, Faculty "
	    "Affairs\nFaculty of Health Sciences, Tasman University\nVancouver, BC\n", false, &d);
	expect_eq(d.company, "Tasman University", "the office in brackets");
	detection_free(&d);
	/* an address of a name and initials, the name with its small words
	 * in the signature */
	detect("From: Brandon Ellis <bellis@cascadia-ihm.example>\nSubject: Interview\n",
	    "Hi Jane,\n\nConfirming your interview for the Research Scientist role on Wednesday 17 "
	    "March 2027 at 9:00 AM Pacific.\n\nBrandon Ellis\nTalent Partner\nCascadia Institute "
	    "for Health Metrics\n", false, &d);
	expect_eq(d.company, "Cascadia Institute for Health Metrics", "the initials of a name with for");
	detection_free(&d);
	/* a field's name read from the prose, the writer's own organisation
	 * signed at its address: the employer is the writer's */
	detect("From: Revathi Subramanian <revathi.s@coromandel-motors.example>\n"
	    "Subject: Walk-in Drive - Experienced Professionals - Powertrain & EV | 13th Mar'27\n",
	    "Dear Candidate,\n\nYour profile has been shortlisted for our Walk-in Drive for "
	    "experienced professionals in Powertrain & EV Engineering for the position of Assistant "
	    "Manager.\n\nDate: Saturday, 13th Mar'27\nTime: 9:00 AM IST\n\nRegards,\nRevathi "
	    "Subramanian\nTalent Acquisition\nCoromandel Motors Ltd., Chennai\n", false, &d);
	expect_eq(d.company, "Coromandel Motors", "a field's name, the writer's organisation signed");
	detection_free(&d);
	/* the interview's form is no company ("Telephonic interview - ...") */
	detect("From: Divya R <divya.r@kaveri-ev.example>\n"
	    "Subject: Telephonic interview - Lead Engineer - Battery Thermal - Kaveri EV\n",
	    "Hi Jane,\n\nYour Technical Round 1 (telephonic) is scheduled for tomorrow at 4 pm IST.\n\n"
	    "Regards,\nDivya R\nHR - Talent Acquisition\nKaveri EV Technologies Pvt. Ltd., Bengaluru\n",
	    false, &d);
	assert_true(d.company == NULL || strcmp(d.company, "Telephonic") != 0);
	detection_free(&d);
	/* an address of a name without its small words, the name written
	 * inside a longer run of capitals ("Entrevista Casas do Tejo") */
	detect("From: In\xc3\xaas Carvalho <ines.carvalho@casasdotejo.example>\n"
	    "Subject: Convite: Entrevista Casas do Tejo - Diretora de Opera\xc3\xa7\xc3\xb5\x65s\n",
	    "Convite: Entrevista Casas do Tejo - Diretora de Opera\xc3\xa7\xc3\xb5\x65s\n\n"
	    "quarta-feira, 21 de abril de 2027 10:00 - 10:45 (WEST)\n", false, &d);
	expect_eq(d.company, "Casas do Tejo", "a name's small words");
	detection_free(&d);
	/* the Gulf's legal forms; a hotel group's kind ("Hotels & Resorts") */
	detect("From: Leila Mansour <leila.mansour@wadinoor.example>\nSubject: Interview\n",
	    "Dear Jane,\n\nYour interview for the General Manager role is on Thursday 22 April 2027 at "
	    "2:30 PM GST.\n\nLeila Mansour\nTalent Acquisition\nWadi Noor Resorts L.L.C\n", false, &d);
	expect_eq(d.company, "Wadi Noor Resorts", "L.L.C");
	detection_free(&d);
	/* a word that begins schools' names in Spanish comes first */
	detect("From: Laura Pinilla <lpinilla@angloandino.example>\nSubject: Entrevista - Head of Physics\n",
	    "Dear Dan,\n\nThank you for your application to Colegio Anglo Andino. We would like to "
	    "interview you on Thursday 10 December at 9:00 (Bogota time).\n\nLaura Pinilla\n"
	    "Colegio Anglo Andino\n", false, &d);
	expect_eq(d.company, "Colegio Anglo Andino", "Colegio before the name");
	detection_free(&d);
	/* a name that ends in its kind goes on with "of" and a field or place */
	detect("From: Oliver Pryor <o.pryor@kelvinmuseum.example>\nSubject: Interview - Learning Manager\n",
	    "Dear Dan,\n\nI am pleased to invite you to interview for the Learning Manager post at the "
	    "Kelvin Museum of Science on Monday 14 December at 2pm.\n\nOliver Pryor\n", false, &d);
	expect_eq(d.company, "Kelvin Museum of Science", "of and a field");
	detection_free(&d);
	/* a signature's name whose address leaves out its particles */
	detect("From: Marta Gil Arranz <marta.gil@bancoduero.example>\nSubject: Convocatoria de entrevista\n",
	    "Estimada Jane:\n\nNos complace convocarle a una entrevista el martes, 15 de diciembre de 2026 "
	    "a las 16:00 h. Participar\xc3\xa1n D. Javier Ortega Lumbreras y yo misma.\n\n"
	    "Reciba un cordial saludo,\n\nMarta Gil Arranz\nBanco del Duero, S.A.\n\n"
	    "PROTECCI\xc3\x93N DE DATOS: sus datos personales ser\xc3\xa1n tratados por BANCO DEL DUERO, S.A. "
	    "con la finalidad de gestionar su candidatura.\n", false, &d);
	expect_eq(d.company, "Banco del Duero", "del left out of the address");
	assert_true(d.ninterviewers >= 1 && strcmp(d.interviewers[0].name, "Javier Ortega Lumbreras") == 0);
	detection_free(&d);
	/* a booking from a Spanish team's mailbox: the department is no part
	 * of the company, the business no part of the service, the person
	 * who runs it the contact */
	detect("From: =?utf-8?q?Energ=C3=ADas_del_Nervi=C3=B3n_-_Selecci=C3=B3n?= <SeleccionTalento@enervion.example>\n"
	    "Subject: =?utf-8?q?Reserva_confirmada=3A_Entrevista_inicial_=E2=80=93_Cient=C3=ADfico/a_de_datos_con_"
	    "Energ=C3=ADas_del_Nervi=C3=B3n_-_Selecci=C3=B3n?=\n",
	    "<html><body><div>Su reserva est\xc3\xa1 confirmada</div><table>"
	    "<tr><td>Servicio</td><td>Entrevista inicial \xe2\x80\x93 Cient\xc3\xad\x66ico/a de datos</td></tr>"
	    "<tr><td>Fecha</td><td>mi\xc3\xa9rcoles, 16 de diciembre de 2026</td></tr>"
	    "<tr><td>Hora</td><td>13:00 - 13:30 (UTC+01:00) Bruselas, Copenhague, Madrid, Par\xc3\xads</td></tr>"
	    "<tr><td>Personal</td><td>Ane Etxeberria</td></tr></table>"
	    "<div>\xc2\xbfPreguntas? P\xc3\xb3ngase en contacto con Ane Etxeberria "
	    "(ane.etxeberria@enervion.example).</div></body></html>\n", true, &d);
	expect_eq(d.company, "Energ\xc3\xad\x61s del Nervi\xc3\xb3n", "without '- Selección'");
	expect_eq(d.contact.email, "ane.etxeberria@enervion.example", "the person over the team's mailbox");
	expect_eq(d.role, "Cient\xc3\xad\x66ico/a de datos", "the service, not its business");
	detection_free(&d);
	/* a German pronoun after "Gespräch mit" is no company */
	detect("From: Katrin Hoffmann <k.hoffmann@hafenlicht.example>\nSubject: Einladung zum Vorstellungsgespr\xc3\xa4\x63h\n",
	    "Sehr geehrte Frau Doe,\n\nwir laden Sie zum Vorstellungsgespr\xc3\xa4\x63h am Donnerstag, 17. Dezember 2026 "
	    "um 15:30 Uhr ein.\n\nWir freuen uns auf das Gespr\xc3\xa4\x63h mit Ihnen.\n\nMit freundlichen Gr\xc3\xbc\xc3\x9f\x65n\n"
	    "Katrin Hoffmann\nHafenlicht Logistik GmbH\n", false, &d);
	expect_eq(d.company, "Hafenlicht Logistik", "not Ihnen");
	detection_free(&d);
	/* Mexico's and Czechia's legal forms */
	detect("From: Ana Ruiz <ana.ruiz@altiplano.example>\nSubject: Entrevista - Ingeniero Backend\n",
	    "Hola Jane,\n\nTe confirmo la entrevista el martes 8 de diciembre a las 10:00 (hora del centro).\n\n"
	    "Ana Ruiz\nAltiplano Log\xc3\xadstica S.A. de C.V.\n", false, &d);
	expect_eq(d.company, "Altiplano Log\xc3\xadstica", "S.A. de C.V.");
	detection_free(&d);
	/* the company's first word alone after the title is no part of it */
	detect("From: Mark Peters <mark.peters@groenstroom.example>\nSubject: Videocall Product Designer Groenstroom\n",
	    "Hi Jane,\n\nYour videocall for the Product Designer position is confirmed for Thursday 17 "
	    "December at 14:00.\n\nMark Peters\nRecruiter | Groenstroom Energie\n", false, &d);
	expect_eq(d.company, "Groenstroom Energie", "the company");
	expect_eq(d.role, "Product Designer", "without the company's first word");
	detection_free(&d);
	/* a labelled line's value ends at its line ("Client: Thistle Health"
	 * / "Role: ...") */
	detect("From: Chloe Barnes <chloe.barnes@oqrecruit.example>\nSubject: Interview confirmation\n",
	    "Hi Jane,\n\nI'm pleased to confirm your first stage interview:\n\nClient: Thistle Health\n"
	    "Role: Senior Product Designer\nDate: Monday 21st December\nTime: 10:30am UK time\n\nChloe\n",
	    false, &d);
	expect_eq(d.company, "Thistle Health", "the label's line");
	detection_free(&d);
	/* the name runs up to its legal form */
	detect("From: Kestrel Careers <careers@kestrel.example>\nSubject: Interview for the Analyst role\n",
	    "Dear Jane,\n\nYour interview for the Analyst role is on Friday 8 January 2027 at 10:00 UK time.\n\n"
	    "Kestrel Systems Europe Ltd., 1 Canal Street, Leeds\n", false, &d);
	expect_eq(d.company, "Kestrel Systems Europe", "up to the legal form");
	detection_free(&d);

	/* the hiring department and a legal form alone are no company; a
	 * name may start with an accented capital */
	detect("From: Celso Macuacua <celso.macuacua@indicofintech.example>\nSubject: Convite para entrevista\n",
	    "Estimada Jane,\n\nConvidamos para a entrevista na quinta-feira, 3 de Dezembro, \xc3\xa0s 9h30.\n\n"
	    "Com os melhores cumprimentos,\n\nCelso Macuacua\nRecursos Humanos \xe2\x80\x93 Recrutamento\n"
	    "\xc3\x8dndico Fintech, S.A.\n", false, &d);
	expect_eq(d.company, "\xc3\x8dndico Fintech", "accented capital, legal form alone");
	detection_free(&d);
	{
		char n[] = "Jacaranda Logistics (Pty) Ltd";

		strip_legal(n);
		expect_eq(n, "Jacaranda Logistics", "South Africa's legal form");
	}
	assert_true(bad_company("S.A."));
	assert_true(bad_company("GmbH"));
	assert_true(bad_company("Recrutamento"));
	assert_false(bad_company("Acme"));

	/* an agency's subject "Client - Title" names the employer; a word
	 * alone before a title ("References - Data Engineer") does not */
	detect("From: Riaan Botes <riaan@talentbridge-za.example>\nSubject: Vantage Retail - Head of BI\n",
	    "Hi Jane, confirmed! Your interview is on Thursday 7 January 2027 at 11h00 SAST with Mark, "
	    "Teams link coming from their side.\n\nRiaan\n",
	    false, &d);
	expect_eq(d.company, "Vantage Retail", "the client before the title");
	detection_free(&d);
	/* an agency's "entrevista con Quillmate": the client */
	detect("From: Florencia Sosa <florencia@pampatalent.example>\nSubject: Entrevista con Quillmate - Senior Backend Engineer\n",
	    "Hola Jane,\n\nYa tenemos confirmada la entrevista con Quillmate para el lunes 7 de diciembre de 2026 a "
	    "las 11 hs (hora Argentina), con Ryan Caldwell, VP of Engineering.\n\nFlor\n\nFlorencia Sosa\n"
	    "Tech Recruiter \xc2\xb7 Pampa Talent\n", false, &d);
	expect_eq(d.company, "Quillmate", "entrevista con");
	detection_free(&d);
	/* a conversation's name before the title is no employer */
	detect("From: Calendly <notifications@calendly.com>\nReply-To: Lena Brandt <lena.brandt@kranich-health.example>\n"
	    "Subject: Confirmed: Intro Call \xe2\x80\x93 Senior Backend Engineer (Kranich Health) with Lena Brandt\n",
	    "Hi Jane,\n\nYour Intro Call with Lena Brandt at 10:00am (Western European Time) on Friday, "
	    "January 8, 2027 is scheduled.\n", false, &d);
	assert_true(d.company == NULL || strcmp(d.company, "Intro Call") != 0);
	detection_free(&d);

	/* an address that shortens the name's last words to initials */
	detect("From: Zanele Mthembu <zanele.mthembu@umoyafs.example>\nSubject: Assessment centre\n",
	    "Dear Jane,\n\nYou are invited to the assessment centre for the Head of Data role on Friday "
	    "8 January 2027 at 08:00 SAST.\n\nKind regards,\nZanele Mthembu\nAssessment Centre Coordinator | "
	    "People & Culture\nUmoya Financial Services\n", false, &d);
	expect_eq(d.company, "Umoya Financial Services", "umoyafs");
	detection_free(&d);
	/* the address shortens the first words and leaves out the kind of
	 * organisation ("Hospital") */
	detect("From: Linda Ferreira <linda.ferreira@nshorecommunity.example>\nSubject: Interview with Maureen Kilbride\n",
	    "Dear Jane,\n\nMaureen Kilbride would like to meet with you for the Director of Nursing position "
	    "on Thursday 12/17 at 2:00 pm in her office.\n\nLinda Ferreira\nExecutive Assistant to the Chief "
	    "Nursing Officer\nNorth Shore Community Hospital\n", false, &d);
	expect_eq(d.company, "North Shore Community Hospital", "nshorecommunity");
	detection_free(&d);
	/* a search consultant's mail: the client the subject names, as the
	 * text writes it in full ("Seacoast Regional" of "Seacoast Regional
	 * CNO interview"; "... Medical Center"); the role's label before
	 * the job's facts; "not the last step" is no final round */
	detect("From: Craig Albanese <calbanese@meridianleaders.example>\n"
	    "Subject: Confirmed: Seacoast Regional CNO interview - Mon 12/21 3pm ET\n",
	    "Jane,\n\nGood news - Dr. Vargas would like to meet you. You're confirmed:\n\n"
	    "  Mon 12/21 @ 3pm ET (she blocked 45 min)\n\n"
	    "Who: Helen Vargas, DNP, RN - Chief Nursing Officer, Seacoast Regional Medical Center (Portsmouth, NH)\n"
	    "Role: Director of Nursing, Medical-Surgical Services (4 units, ~110 beds, 9 direct reports)\n\n"
	    "If this goes well, the next step is an on-site day with her team in January, so it's not the "
	    "last step.\n\nCraig\n\nCraig Albanese\nSenior Search Consultant | Nurse Executive Practice\n"
	    "Meridian Nurse Leadership Partners\n", false, &d);
	expect_eq(d.company, "Seacoast Regional Medical Center", "agency by title");
	expect_eq(d.role, "Director of Nursing, Medical-Surgical Services", "role label");
	assert_false(d.final_round);
	detection_free(&d);
	/* a team's signature names the organisation whole ("NHS" of "NHS
	 * Jobs" is part of it); the job's title is no employer */
	detect("From: NHS Jobs <noreply@jobs.nhs.example>\n"
	    "Subject: Invitation to interview: Matron \xe2\x80\x93 Acute Medicine (285-NUR-2611-IR)\n",
	    "Dear Jane Doe\n\nJob Title: Matron \xe2\x80\x93 Acute Medicine\n\nWe are pleased to invite you "
	    "to interview for the above post.\n\nInterview date: Thursday 17 December 2026\nInterview time: "
	    "15:00 (UK time, GMT)\n\nYours sincerely\n\nRecruitment Team\nThames Riverside NHS Foundation "
	    "Trust\n\nPlease do not reply to this email, as this mailbox is not monitored.\n", false, &d);
	expect_eq(d.company, "Thames Riverside NHS Foundation Trust", "a team's signature");
	detection_free(&d);
	/* a word that ends names after "&" makes the name whole */
	detect("From: Dana Whitfield <dana.whitfield@capehh.example>\nSubject: First-round conversation\n",
	    "Hi Jane,\n\nYour interview for our Director of Clinical Services opening is confirmed for "
	    "Friday 11 December 2026 at 10:00 AM Eastern, with Dana Whitfield, Talent Acquisition Manager "
	    "at Cape & Islands Home Health & Hospice.\n\nDana\n", false, &d);
	expect_eq(d.company, "Cape & Islands Home Health & Hospice", "& Hospice");
	detection_free(&d);
	/* a competition's reference is no employer, nor the public
	 * appointments service that sends it; Ireland's "CLG" is a legal form */
	detect("From: publicjobs <noreply@publicjobs.ie>\n"
	    "Subject: Invitation to Interview - 26PO041 - Head of Finance (Principal Officer)\n",
	    "Dear Jane,\n\nReference: 26PO041\n\nYou are invited to attend for interview on Thursday 17 "
	    "December 2026 at 10:30.\n\npublicjobs\n", false, &d);
	assert_true(d.company == NULL || (strcmp(d.company, "26PO041") != 0 &&
	    strcasecmp(d.company, "publicjobs") != 0));
	detection_free(&d);
	detect("From: Orla Byrne <orla.byrne@sanctuaryireland.example>\nSubject: Interview\n",
	    "Dear Jane,\n\nYour interview for the Financial Controller role is on Thursday 17 December "
	    "2026 at 10:30 at our Dublin office.\n\nOrla Byrne\nHR Manager | Sanctuary Ireland CLG\n", false, &d);
	expect_eq(d.company, "Sanctuary Ireland", "CLG");
	detection_free(&d);
	/* "our client, a Series C payments business" describes the client,
	 * it names none */
	detect("From: Tom Ashby <tom.ashby@whitcombereed.example>\nSubject: Screening call\n",
	    "Hi Jane,\n\nA 30 minute screening interview with me for the Head of Finance Operations role "
	    "with our client, a Series C payments business, on Thursday 17 December 2026 at 10:30.\n\n"
	    "Tom Ashby\nSenior Consultant, Whitcombe Reed\n", false, &d);
	assert_true(d.company == NULL || strcmp(d.company, "Series C") != 0);
	detection_free(&d);
	/* a building named after the company is no part of its name */
	detect("From: Kallang Assurance <kallangassurance@myworkday.com>\nSubject: Interview\n",
	    "Dear Jane,\n\nYour interview for Senior Manager, Brand at Kallang Assurance is on Thursday "
	    "17 December 2026 at 10:00 SGT.\n\nLocation: Kallang Assurance Centre, 12 Marina View\n", false, &d);
	expect_eq(d.company, "Kallang Assurance", "a building");
	detection_free(&d);
	/* degrees after the signer's name are no organisation, a unit after
	 * a title gives way to the line that names the domain, a town and
	 * its state name none */
	detect("From: Karen Oduya <karen.oduya@commgen.example>\nSubject: RE: Thank you - Nurse Manager\n",
	    "Hi Jane,\n\nThank you for the kind note. We're finishing first-round interviews this week.\n\n"
	    "Warm regards,\nKaren\n\nKaren Oduya, MSN, RN, NE-BC\nDirector of Nursing, Cardiovascular "
	    "Services\nCommonwealth General Hospital\n617-555-0139\n", false, &d);
	expect_eq(d.company, "Commonwealth General Hospital", "degrees");
	detection_free(&d);
	detect("From: Hollis Grant <hollis.grant@emeraldhealth.example>\nSubject: Interview\n",
	    "Hi Jane,\n\nYou will meet our CNIO on Thursday 12/10 at 3:00 pm Eastern by video.\n\n"
	    "Best regards,\nHollis\n\nHollis Grant | Recruiter, IT & Clinical Informatics\n"
	    "Emerald Necklace Health | Talent Acquisition\n", false, &d);
	expect_eq(d.company, "Emerald Necklace Health", "unit after a title");
	detection_free(&d);
	detect("From: Indeed <interviews@indeed.com>\nSubject: Interview confirmed: Nurse Manager - Med/Surg\n",
	    "Indeed\n\nInterview confirmed\n\nOld Colony Community Hospital\nNurse Manager - Med/Surg\n"
	    "Brockton, MA\n\nTue, Dec 8 \xc2\xb7 4:00 PM \xe2\x80\x93 4:30 PM EST\nVideo call on Indeed\n\n"
	    "Message from Old Colony Community Hospital:\n\"Looking forward to speaking with you! I'll be "
	    "joined by our CNO, Frank DeLuca. - Janet Mulcahy, HR Generalist\"\n", false, &d);
	assert_true(d.company == NULL || strcmp(d.company, "Brockton") != 0);
	detection_free(&d);

	/* a word that begins organisations' names is part of the name */
	detect("From: Ximena Tovar <ximena.tovar@pinabete.example>\nSubject: Entrevista\n",
	    "Hola Jane:\n\nGracias por tu inter\xc3\xa9s en Grupo Pinabete. Te confirmamos la entrevista "
	    "el martes 15 de diciembre a las 10:00 (hora del centro de M\xc3\xa9xico).\n\n"
	    "Ximena\n", false, &d);
	expect_eq(d.company, "Grupo Pinabete", "Grupo");
	detection_free(&d);
	/* an agency recruiter's mail: the client the subject names, an
	 * organisation by its trade's word, not the agency that signs */
	detect("From: Rui Costa <rui.costa@northstarsearch.example>\n"
	    "Subject: Tidewater Freight - interview on Monday\n",
	    "Hi Jane,\n\nTidewater would like to meet you for the Planning Analyst role on Monday 7 "
	    "December at 10:00 UK time, with their Head of Planning, Ines Duarte.\n\nRui Costa\n"
	    "Senior Consultant | Northstar Search Partners\n", false, &d);
	expect_eq(d.company, "Tidewater Freight", "the agency's client");
	detection_free(&d);
}

/* A meeting tool's or calendar's own name is never a company, nor is the
 * thing it makes ("Join Webex Meeting"). */
static void test_tool_not_company(void **state)
{
	struct detection d;

	(void)state;
	detect("From: Odile Brandt <odile.brandt@saltmarsh.example>\nSubject: Saltmarsh Energy - your video interview\n",
	    "Hi Jane,\n\nYour video interview for the Platform Engineer role is on Friday 8 January 2027 "
	    "at 10:00 UK time.\n\nJoin Webex Meeting\nhttps://saltmarsh.webex.com/meet/odile\n\n"
	    "Odile Brandt\nTalent Partner | Saltmarsh Energy\n", false, &d);
	expect_eq(d.company, "Saltmarsh Energy", "a tool's meeting");
	detection_free(&d);
	assert_true(is_ats_name("Zoom Meeting"));
	assert_true(is_ats_name("Google Calendar Invite"));
	assert_false(is_ats_name("Zoomcar"));
	assert_false(is_ats_name("Lever Robotics"));
}

/* ---- the role ----------------------------------------------------------------- */

static char *role_of(const char *subject, const char *body)
{
	struct detect_opts o;
	struct message *m;
	struct ctx c;
	char *headers = xasprintf("From: Ada Brooks <ada.brooks@acme.example>\nSubject: %s\n", subject);
	char *r;

	opts_for_tests(&o);
	m = mail(headers, body, false);
	ctx_open(&c, m, &o);
	r = find_role(&c);
	ctx_close(&c);
	message_free(m);
	free(headers);
	return r;
}

static const struct { const char *subject, *body, *want; } roles[] = {
	/* the candidate's name in brackets after the title is no part of it */
	{ "Convite: Entrevista Casas do Tejo - Diretora de Opera\xc3\xa7\xc3\xb5\x65s (Jane Doe)",
	  "Convite: Entrevista Casas do Tejo - Diretora de Opera\xc3\xa7\xc3\xb5\x65s (Jane Doe)\n",
	  "Diretora de Opera\xc3\xa7\xc3\xb5\x65s" },
	/* no person after a title's colon; no day after its "to"; the
	 * company after a Romance "de" is no part of it; a hotel's
	 * "opening" is no job */
	{ "Updated: Final interview", "Please note an update to your final interview for Cluster "
	  "Director of Revenue Management: Ms. Latifa Al-Emadi, Director of Finance, will join.",
	  "Cluster Director of Revenue Management" },
	{ "Updated: Interview", "Ms. Cheryl Tan will be at our Penang opening on 29 April, so we have "
	  "moved your interview for Director of Rooms to Friday, 30 April 2027, 4:00 PM.",
	  "Director of Rooms" },
	/* a title that goes on in lower case ends at a clause's word */
	{ "Cancelaci\xc3\xb3n de la entrevista", "La direcci\xc3\xb3n ha decidido congelar la "
	  "contrataci\xc3\xb3n para el puesto de Ingeniero/a S\xc3\xa9nior de Gesti\xc3\xb3n "
	  "T\xc3\xa9rmica de\nBater\xc3\xad\x61s mientras se revisa el presupuesto del proyecto.",
	  "Ingeniero/a S\xc3\xa9nior de Gesti\xc3\xb3n T\xc3\xa9rmica de Bater\xc3\xad\x61s" },
	/* a field after the title's dash, worded as a field ("-ment",
	 * "-tion", a department), ended by a comma; in a subject, after a
	 * part that is a title */
	{ "Your profile has been shortlisted", "With reference to your application for the position "
	  "of Senior Engineer - Battery Thermal Management, we are happy to inform you that your "
	  "profile has been shortlisted.", "Senior Engineer - Battery Thermal Management" },
	{ "Next steps - documents and references - Senior Manager - Thermal Systems",
	  "Please send your documents.", "Senior Manager - Thermal Systems" },
	/* a comma qualifier after the job noun is part of the title */
	{ "Your interview", "Thanks for scheduling your interview for the Engineering Manager, Routing "
	    "position at Kestrel Logistics.", "Engineering Manager, Routing" },
	{ "Interview Scheduled - Senior Software Engineer, Claims Platform",
	    "Position: Senior Software Engineer, Claims Platform\nDate: 11/24/2026", "Senior Software Engineer, Claims Platform" },
	/* so is a team in parentheses, not a work mode */
	{ "Hello", "I'd love to tell you more about the Backend Engineer (Payments) role.", "Backend Engineer (Payments)" },
	{ "Hello", "I'd love to tell you more about the Backend Engineer (Remote) role.", "Backend Engineer" },
	/* a leading word for the interview in another language is no part
	 * of the title */
	{ "Abgesagt: Vorstellungsgespr\xc3\xa4" "ch Platform Engineer", "Sehr geehrte Frau Doe", "Platform Engineer" },
	/* a team in parentheses closes a subject's part: the title's */
	{ "Your interview: Kestrel Labs \xe2\x80\x93 Data Engineer (Search)", "Hello", "Data Engineer (Search)" },
	/* a session named by what it is is no title; a dash's part before
	 * the employer is */
	{ "Booking confirmed: Team Lead Chat - Principal Analyst", "Your booking is confirmed.",
	    "Principal Analyst" },
	{ "Hello", "Thank you for applying for Staff Engineer \xe2\x80\x93 Search Quality at Kestrel Labs.",
	    "Staff Engineer \xe2\x80\x93 Search Quality" },
	/* a contract in lower case between the title and its noun, the line
	 * wrapped before it */
	{ "Hello", "They want to meet you for the Platform Engineer\n(part-time) position.",
	    "Platform Engineer" },
	/* the candidate's name beside a slash goes */
	{ "Invitation: Jane Doe / Data Platform Engineer @ Tue 8 Dec 2026", "Hi Jane", "Data Platform Engineer" },
	/* the subject's leading words go, in any language */
	{ "Terugkoppeling sollicitatie Backend Developer", "Beste Jane", "Backend Developer" },
	/* a title stops at a colon and at a lower-case word after it
	 * (but Romance titles take their adjectives after the noun) */
	{ "Hola", "Te escribo por la entrevista para el puesto de Desarrolladora Backend Senior: Jordi tiene "
	    "un viaje que no puede mover.", "Desarrolladora Backend Senior" },
	{ "Termin", "wir m\xc3\xbcssen das Gespr\xc3\xa4" "ch f\xc3\xbcr die Stelle als IT-Architektin daher "
	    "verschieben.", "IT-Architektin" },
	{ "Entretien", "Merci pour votre candidature au poste d'Ing\xc3\xa9nieure backend senior.",
	    "Ing\xc3\xa9nieure backend senior" },
	{ "Entretien", "Je vous confirme votre entretien pour le poste d'Ing\xc3\xa9nieure DevOps confirm\xc3\xa9" "e "
	    "le jeudi 3 d\xc3\xa9" "cembre.", "Ing\xc3\xa9nieure DevOps confirm\xc3\xa9" "e" },
	/* a requisition number is no part of the title; a label's line is */
	{ "Interview", "Job Requisition: R-10442 Lead Software Engineer - Policy Systems\nDate: 12/14/2026",
	    "Lead Software Engineer - Policy Systems" },
	/* after a word as common as "for", a capitalised title */
	{ "Onsite", "Great news: your final-round onsite for Staff Backend Engineer at Marigold Pay is confirmed.",
	    "Staff Backend Engineer" },
	/* a dash qualifier before a role noun, an abbreviation inside */
	{ "Hello", "Confirming your interview for the Senior Software Engineer - Payments role on Monday.",
	    "Senior Software Engineer - Payments" },
	{ "Hello", "Confirming your interview for the Sr. Software Engineer role on Monday.", "Sr. Software Engineer" },
	/* a level between the noun and the dash's qualifier; the stage of
	 * the process in brackets is none of the title */
	{ "Hello", "This confirms your interview for the Software Engineer II - Claims Platform position.",
	    "Software Engineer II - Claims Platform" },
	{ "Hello", "Position: Senior Software Engineer II (Final Round)\nDate: Monday 14 December",
	    "Senior Software Engineer II" },
	/* a designer in French: the adjectives after the noun */
	{ "Entretien", "J'ai le plaisir de vous confirmer votre entretien pour le poste de Designer produit senior.",
	    "Designer produit senior" },
	/* a call's medium before the title */
	{ "RE: Videocall Product Designer", "Hi Jane, see you Thursday.", "Product Designer" },
	/* a seniority's abbreviation at the end keeps its period */
	{ "Entrevista", "Puesto: Ingeniera de Datos Sr.\nFecha: martes 8 de diciembre", "Ingeniera de Datos Sr." },
	/* a title written in lower case keeps its words */
	{ "Hello", "Thanks for your interest in the senior software engineer role.", "senior software engineer" },
	/* a maker of technology is a job; the role as, in Swedish, Danish,
	 * Czech; a compound that ends with a job noun */
	{ "Re: Creative Technologist role", "Thanks, speak soon.", "Creative Technologist" },
	{ "Hej", "Tack f\xc3\xb6r din ans\xc3\xb6kan till rollen som Dataingenj\xc3\xb6r hos oss.", "Dataingenj\xc3\xb6r" },
	{ "Hej", "Vi vil gerne tilbyde dig stillingen som Frontend-udvikler i vores team.", "Frontend-udvikler" },
	{ "Hej", "Vi har tittat p\xc3\xa5 din ans\xc3\xb6kan om tj\xc3\xa4nsten som Mjukvaruutvecklare.", "Mjukvaruutvecklare" },
	/* a German compound is a job title */
	{ "Einladung zum Vorstellungsgespr\xc3\xa4" "ch \xe2\x80\x93 Softwarearchitektin", "Hallo Jane",
	    "Softwarearchitektin" },
};

static void test_roles(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(roles); i++) {
		char *got = role_of(roles[i].subject, roles[i].body);

		expect_eq(got, roles[i].want, roles[i].body);
		free(got);
	}
}

/* ---- the interviewers and the contact ---------------------------------------- */

/* The interviewers of a mail as detect_message reads them for an
 * interview (whatever the kind its wording gets), into d. */
static void people_of(const char *headers, const char *body, bool html, struct detection *d)
{
	struct detect_opts o;
	struct message *m = mail(headers, body, html);
	struct loop_table loop;
	struct ctx c;

	opts_for_tests(&o);
	memset(d, 0, sizeof(*d));
	ctx_open(&c, m, &o);
	loop_table_read(&c, &loop);
	fill_interviewers(&c, d);
	loop_table_people(&loop, d);
	loop_table_free(&loop);
	ctx_close(&c);
	message_free(m);
}

static bool has_person(const struct detection *d, const char *name)
{
	for (size_t i = 0; i < d->ninterviewers; i++)
		if (d->interviewers[i].name != NULL && strcmp(d->interviewers[i].name, name) == 0)
			return true;
	return false;
}

/* The organisation read as a person is dropped; people are kept. */
static void test_company_people_dropped(void **state)
{
	struct detection d = { 0 };
	static const char *const in[][2] = {
		{ "Noordlicht Verzekeringen", NULL },
		{ "Maarten Hendriks", "maarten.hendriks@noordlicht.example" },
		{ "Noordlicht Verzekeringen \xe2\x80\x93 Werving", "werving@noordlicht.example" },
		{ "Noordlichter Ada", NULL },
		{ "Ada Brooks", NULL },
		{ "Elbstrom Energie AG", NULL },                /* a legal form */
		{ "Directrice Technique", NULL },               /* a title */
		{ "Bauer GmbH", "info@bauer.example" },         /* a team's address */
	};

	(void)state;
	d.company = xstrdup("Noordl\xc3\xac" "cht");   /* the accent folds away */
	d.interviewers = xcalloc(ARRAY_LEN(in), sizeof(*d.interviewers));
	for (size_t i = 0; i < ARRAY_LEN(in); i++) {
		d.interviewers[i].name = xstrdup(in[i][0]);
		d.interviewers[i].email = in[i][1] ? xstrdup(in[i][1]) : NULL;
	}
	d.ninterviewers = ARRAY_LEN(in);
	drop_company_people(&d);
	assert_int_equal(d.ninterviewers, 3);
	assert_true(has_person(&d, "Maarten Hendriks"));
	assert_true(has_person(&d, "Noordlichter Ada"));
	assert_true(has_person(&d, "Ada Brooks"));
	detection_free(&d);

	/* a firm named after its partners, beside them */
	memset(&d, 0, sizeof(d));
	d.company = xstrdup("Marchmont Legal Search");
	d.interviewers = xcalloc(3, sizeof(*d.interviewers));
	d.interviewers[0].name = xstrdup("Thornbury Castellan");
	d.interviewers[1].name = xstrdup("Kenneth Thornbury");
	d.interviewers[2].name = xstrdup("Aisha Castellan-Reid");
	d.ninterviewers = 3;
	drop_company_people(&d);
	assert_int_equal(d.ninterviewers, 2);
	assert_false(has_person(&d, "Thornbury Castellan"));
	detection_free(&d);
}

/* An acronym or a short address the mail also writes in full. */
static void test_acronym_company(void **state)
{
	struct detection d;

	(void)state;
	/* a signature's line, the particles giving no letter */
	detect("From: Nathalie Boudreau <nathalie.boudreau@cvmq.example>\nSubject: Convocation en entrevue\n",
	    "Madame,\n\nNous vous convions \xc3\xa0 une entrevue le mardi 26 janvier 2027 \xc3\xa0 10 h.\n\n"
	    "Nathalie Boudreau\nConseill\xc3\xa8re en ressources humaines\n"
	    "Commission des valeurs et des march\xc3\xa9s du Qu\xc3\xa9\x62\x65\x63\n418 555-0153\n", false, &d);
	expect_eq(d.company, "Commission des valeurs et des march\xc3\xa9s du Qu\xc3\xa9\x62\x65\x63", "cvmq");
	detection_free(&d);
	/* the last word whole: lhbank; a part of a line between " | " */
	detect("From: Rebecca Lowell <rebecca.lowell@lhbank.example>\nSubject: Interview - Senior Counsel\n",
	    "Hi Jane,\n\nYour interview is confirmed for Tuesday 12 January 2027 at 2pm.\n\nRebecca\n\n"
	    "Rebecca Lowell | Talent Acquisition Partner\nLaurentian Harbour Bank | 100 King Street West\n",
	    false, &d);
	expect_eq(d.company, "Laurentian Harbour Bank", "lhbank");
	detection_free(&d);
	/* the words before the acronym in brackets */
	detect("From: TCIFC Talent Acquisition <talent@tcifc.example>\nSubject: Interview confirmation\n",
	    "Dear Jane,\n\nYour interview for the Senior Counsel position at the Trans-Canada "
	    "Infrastructure Finance Corporation (TCIFC) is on Monday 11 January 2027 at 10am.\n", false, &d);
	expect_eq(d.company, "Trans-Canada Infrastructure Finance Corporation", "TCIFC");
	detection_free(&d);
	/* "&" is said "and": lanternandco */
	detect("From: Rohan Mehta <rohan@lanternandco.example>\nSubject: Re: Business Director role\n",
	    "Thursday at 3pm works - see you then.\n\nRohan Mehta\nManaging Partner | Lantern & Co.\n", false, &d);
	expect_eq(d.company, "Lantern", "lantern and co (\"& Co.\" a legal form)");
	detection_free(&d);
	/* a firm named by its partners, up to its legal form */
	detect("From: Daniela Garza <dgarza@ordazvg.example>\nSubject: Entrevista\n",
	    "Estimada Jane:\n\nLe confirmamos su entrevista con Ordaz el martes 26 de enero de 2027 a "
	    "las 11:00 (hora del centro).\n\nDaniela Garza Ibarra\nOrdaz, Villase\xc3\xb1or y Garza, S.C.\n",
	    false, &d);
	expect_eq(d.company, "Ordaz, Villase\xc3\xb1or y Garza", "partners");
	detection_free(&d);
	/* the people office before its organisation on a signature's line */
	detect("From: Grace Chia <grace.chia@btu.edu.example>\nSubject: Interview\n",
	    "Dear Jane,\n\nYour interview is on Thursday 17 December 2026 at 10am.\n\nRegards,\n"
	    "Grace Chia\nTalent Acquisition\nOffice of Human Resources | Bukit Timah University\n", false, &d);
	expect_eq(d.company, "Bukit Timah University", "people office");
	detection_free(&d);
}

/* A lawyer's title before the name: the Dutch "mr.", the French "Me"
 * (Maître); the same person named again by title and surname alone is
 * one person. */
static void test_lawyer_titles(void **state)
{
	struct detection d;

	(void)state;
	detect("From: Sanne de Vries <sanne.devries@brinkhorst.example>\nSubject: Uitnodiging sollicitatiegesprek\n",
	    "Beste Jane, je spreekt met mr. Pieter van Aalst (partner) en mr. Joost Kuipers (senior "
	    "medewerker). Het sollicitatiegesprek is op dinsdag 9 februari 2027 om 16.00 uur.\n", false, &d);
	assert_int_equal(d.ninterviewers, 2);
	assert_true(has_person(&d, "Pieter van Aalst"));
	assert_true(has_person(&d, "Joost Kuipers"));
	detection_free(&d);
	detect("From: Elise Roy <eroy@brlavocats.example>\nSubject: Invitation \xc3\xa0 une entrevue\n",
	    "Madame,\n\n\xc3\x80 la suite de votre conversation avec Me Lavoie-Nguyen, nous avons le plaisir "
	    "de vous convier \xc3\xa0 une entrevue le jeudi 4 f\xc3\xa9vrier 2027 \xc3\xa0 10 h.\n\n"
	    "Vous rencontrerez Me Jean-Fran\xc3\xa7ois B\xc3\xa9langer, associ\xc3\xa9 directeur, et "
	    "Me Catherine Lavoie-Nguyen, associ\xc3\xa9\x65 du groupe Litige.\n", false, &d);
	assert_int_equal(d.ninterviewers, 2);
	assert_true(has_person(&d, "Jean-Fran\xc3\xa7ois B\xc3\xa9langer"));
	assert_true(has_person(&d, "Catherine Lavoie-Nguyen"));
	detection_free(&d);
	/* German: "Ihre Gesprächspartner sind Herr Dr. ..." */
	detect("From: Jana Koehler <jana.koehler@falkenried.example>\nSubject: Einladung zum Vorstellungsgespr\xc3\xa4\x63h\n",
	    "Sehr geehrte Frau Doe,\n\nTermin: Mittwoch, 27. Januar 2027, 14 Uhr MEZ.\n\nIhre "
	    "Gespr\xc3\xa4\x63hspartner sind Herr Dr. Matthias Strauch (Partner) und Frau Dr. Leonie "
	    "Falkenried (Partnerin).\n", false, &d);
	assert_int_equal(d.ninterviewers, 2);
	assert_true(has_person(&d, "Matthias Strauch"));
	assert_true(has_person(&d, "Leonie Falkenried"));
	detection_free(&d);
}

/* A panel listed with titles after the names; the writer met the user
 * before, but is not on this panel. */
static void test_panel_titles(void **state)
{
	struct detection d;

	(void)state;
	detect("From: Megan Thorson <megan.thorson@pacificshield.example>\n"
	    "Cc: Dana Kirk <dana.kirk@pacificshield.example>, Sunil Bhat <sunil.bhat@pacificshield.example>\n"
	    "Subject: Final interview - Associate General Counsel, Litigation\n",
	    "Hi Jane,\n\nThank you for your time with Sunil and me last week. We'd like to invite you "
	    "to the final stage: a case presentation.\n\nWhen: Friday, February 5, 2027, 10:00 - 11:30 a.m.\n"
	    "Panel: Dana Kirk, General Counsel & Corporate Secretary\n Sunil Bhat, VP, Claims Litigation\n\n"
	    "Warm regards,\nMegan\n", false, &d);
	assert_int_equal(d.ninterviewers, 2);
	assert_true(has_person(&d, "Dana Kirk"));
	assert_true(has_person(&d, "Sunil Bhat"));
	detection_free(&d);
}

/* The law's job nouns make a title. */
static void test_law_roles(void **state)
{
	struct detection d;

	(void)state;
	detect("From: Anna Roth <anna.roth@vesta.example>\n"
	    "Subject: Ihre Bewerbung als Syndikusrechtsanwalt (m/w/d)\n",
	    "Sehr geehrte Frau Doe,\n\nvielen Dank f\xc3\xbcr Ihr Interesse und die Zeit am Dienstag. "
	    "Gerne laden wir Sie zu einem zweiten Gespr\xc3\xa4\x63h am 27. Januar 2027 um 14 Uhr ein.\n",
	    false, &d);
	expect_eq(d.role, "Syndikusrechtsanwalt", "Syndikusrechtsanwalt");
	detection_free(&d);
	detect("From: Elise Roy <eroy@brlavocats.example>\nSubject: Invitation \xc3\xa0 une entrevue\n",
	    "Madame,\n\nNous avons le plaisir de vous convier \xc3\xa0 une entrevue pour le poste "
	    "d'avocate senior le jeudi 4 f\xc3\xa9vrier 2027 \xc3\xa0 10 h.\n", false, &d);
	expect_eq(d.role, "avocate senior", "avocate senior");
	detection_free(&d);
	/* a sentence wrapped before "role:" is no label's field */
	detect("From: Megan Thorson <megan@pacificshield.example>\nSubject: Final interview\n",
	    "Hi Jane,\n\nWe'd like to invite you to the final stage of our process for the Associate "
	    "General Counsel,\nLitigation role: a case presentation to our General Counsel.\n"
	    "When: Friday, February 5, 2027, 10:00 - 11:30 a.m.\n", false, &d);
	expect_eq(d.role, "Associate General Counsel, Litigation", "wrapped before role:");
	detection_free(&d);
}

/* A board named after a colon, its list below a blank line. */
static void test_board_list(void **state)
{
	struct detection d;

	(void)state;
	detect("From: Ann Lee <ann.lee@justice.example>\nSubject: Invitation to a structured interview\n",
	    "<p>Your structured interview is on Tuesday, February 2, 2027 at 10:00 a.m.</p>"
	    "<p>The assessment board will be composed of:</p>"
	    "<ul><li>Caroline B&eacute;dard, Senior General Counsel (Chair)</li></ul>", true, &d);
	assert_true(has_person(&d, "Caroline B\xc3\xa9\x64\x61rd"));
	detection_free(&d);
}

/* The user's name as mail writes it. */
static void test_me_name(void **state)
{
	struct detect_opts o;

	(void)state;
	detect_opts_init(&o);
	o.my_name = "Priyanka Desrosiers-Oyelaran";
	assert_true(is_me_name(&o, "Desrosiers, Priyanka"));       /* Outlook's order */
	assert_true(is_me_name(&o, "Priyanka Desrosiers"));         /* one part of the surname */
	assert_true(is_me_name(&o, "Priya Desrosiers-Oyelaran"));   /* a short first name */
	assert_true(is_me_name(&o, "PRIYANKA DESROSIERS-OYELARAN"));
	assert_true(is_me_name(&o, "Oyelaran Priyanka"));           /* a directory's, no comma */
	/* a region is nobody ("Area Vice President - Middle East") */
	assert_false(looks_like_person_strict("Middle East"));
	assert_false(looks_like_person_strict("Asia Pacific"));
	assert_true(looks_like_person_strict("Vikram Malhotra"));
	assert_false(is_me_name(&o, "Tunde Oyelaran"));             /* her husband */
	assert_false(is_me_name(&o, "Oyelaran Tunde"));
	assert_false(is_me_name(&o, "Priyanka Sharma"));
	assert_false(is_me_name(&o, "Pri Desrosiers-Oyelaran"));    /* too short to tell */
	assert_false(is_me_name(&o, "Priyanka"));
}

static void test_interviewers_in_prose(void **state)
{
	struct detection d;

	(void)state;
	people_of("From: Chiara Esposito <chiara.esposito@orticasoftware.example>\nSubject: Conferma colloquio\n",
	    "Gentile Jane,\n\nLe confermo il colloquio tecnico per luned\xc3\xac 14 dicembre alle ore 11:00 "
	    "(ora italiana). Parteciperanno Giulia Bassi (Tech Lead) e Marco Ferraro (Engineering Manager).\n\n"
	    "Cordiali saluti,\nChiara Esposito\n", false, &d);
	assert_true(has_person(&d, "Giulia Bassi"));
	assert_true(has_person(&d, "Marco Ferraro"));
	detection_free(&d);
	/* a Dutch name with its particles, the writer with "mij" */
	people_of("From: Sanne de Vries <sanne.devries@kempen-battery.example>\nSubject: Uitnodiging gesprek\n",
	    "Beste Jane,\n\nHet gesprek staat gepland op donderdag 4 maart om 10.00 uur (Nederlandse "
	    "tijd).\n\nJe spreekt met Pieter van den Berg (Manager Battery Engineering) en mij.\n\n"
	    "Met vriendelijke groet,\n\nSanne de Vries\nRecruiter | Kempen Battery Systems B.V.\n",
	    false, &d);
	assert_true(has_person(&d, "Pieter van den Berg"));
	assert_true(has_person(&d, "Sanne de Vries"));
	detection_free(&d);
	/* initials before a name ("R. Venkatesh"), in a schedule's rows and
	 * in a quoted label's list that goes on on the next quoted line */
	people_of("From: Nitin Pawar <nitin.pawar@chakan-drive.example>\nSubject: Final round\n",
	    "Dear Jane,\n\nDate: 09-Mar-2027 (Tuesday)\n\nSchedule:\n"
	    "1000 - 1100 hrs  Technical Panel - Mr. R. Venkatesh, Head - Powertrain Engineering\n"
	    "1215 - 1300 hrs  Managerial Round - Mr. Harish Kulkarni, VP - Engineering\n\n"
	    "Warm Regards,\nNitin Pawar\n", false, &d);
	assert_true(has_person(&d, "R. Venkatesh"));
	assert_true(has_person(&d, "Harish Kulkarni"));
	detection_free(&d);
	people_of("From: Ramesh Iyer <ramesh@talentbridge.example>\nSubject: Fwd: Interview schedule\n",
	    "Dear Jane, see below.\n\n> Date:  10-Mar-2027\n> Time:  1430 hrs to 1530 hrs\n"
	    "> Panel: Mr. S. Balaji (GM - Product Development)\n>        Ms. Nandini Raghavan "
	    "(Manager - Thermal CAE)\n>\n> Regards,\n> Kavitha Murugan\n", false, &d);
	assert_true(has_person(&d, "S. Balaji"));
	assert_true(has_person(&d, "Nandini Raghavan"));
	detection_free(&d);
	/* a panel said to stay, in brackets; a person in apposition who
	 * "will call you" */
	people_of("From: Snehal Kale <snehal.kale@voltrana-motors.example>\nSubject: RE: Technical Round 1\n",
	    "Dear Jane,\n\nYour Technical Round 1 has been preponed to 03/03/2027 at 1500 hrs. Duration "
	    "remains 60 mins and the panel is the same (Mr. Sandeep Joshi and Ms. Priyanka "
	    "Deshpande).\n\nThanks & Regards,\nSnehal Kale\n", false, &d);
	assert_true(has_person(&d, "Sandeep Joshi"));
	assert_true(has_person(&d, "Priyanka Deshpande"));
	detection_free(&d);
	people_of("From: Divya R <divya.r@kaveri-ev.example>\nSubject: Telephonic interview\n",
	    "Hi Jane,\n\nYour Technical Round 1 (telephonic) is scheduled for tomorrow between 4 and 5 "
	    "pm. Our Engineering Manager, Mr. Arvind Rao, will call you on your mobile number.\n\n"
	    "Regards,\nDivya R\n", false, &d);
	assert_true(has_person(&d, "Arvind Rao"));
	detection_free(&d);
	/* a label's list that goes on past its line's "e" */
	people_of("From: Fernanda Costa <fernanda.costa@mpv-veiculos.example>\nSubject: Convite para entrevista\n",
	    "Prezada Jane,\n\nConfirmamos sua entrevista por Microsoft Teams:\n\n"
	    "  Data: quarta-feira, 17 de mar\xc3\xa7o de 2027\n  Hor\xc3\xa1rio: \xc3\xa0s 9h\n"
	    "  Entrevistadores: Ricardo Almeida (Gerente de Engenharia de Powertrain) e\n"
	    "  Fernanda Costa (RH)\n\nAtenciosamente,\n\nFernanda Costa\n", false, &d);
	assert_true(has_person(&d, "Ricardo Almeida"));
	assert_true(has_person(&d, "Fernanda Costa"));
	detection_free(&d);

	people_of("From: Lukas Hofer <lukas.hofer@alpenbank.example>\nSubject: Interview confirmation\n",
	    "Hi Jane,\n\nI'm happy to confirm your interview on Tuesday 1 December at 10:00 CET.\n"
	    "Participants: our Head of Data, Eva Lindner, and myself.\n\nBest,\nLukas Hofer\n", false, &d);
	assert_true(has_person(&d, "Eva Lindner"));
	assert_true(has_person(&d, "Lukas Hofer"));
	detection_free(&d);

	people_of("From: Recruiting <jobs@brightline.example>\nSubject: Entrevista confirmada\n",
	    "Hola Jane:\n\nTe confirmamos la entrevista el martes 1 de diciembre a las 16:00. Te "
	    "entrevistar\xc3\xa1n Luc\xc3\xad" "a Romero (Jefa de Datos) y Pablo Ib\xc3\xa1\xc3\xb1" "ez.\n",
	    false, &d);
	assert_true(has_person(&d, "Luc\xc3\xad" "a Romero"));
	assert_true(has_person(&d, "Pablo Ib\xc3\xa1\xc3\xb1" "ez"));
	detection_free(&d);

	/* an apposition between the names of a list */
	people_of("From: Sarah Lee <sarah.lee@acme-robotics.de>\nSubject: Interview confirmation\n",
	    "Hi Jane,\n\nYou'll meet Dr. Tobias Wendt, our Head of Perception, and Priya Nair (Senior "
	    "Engineer) on Thursday 3 December at 14:00 CET.\n\nBest regards,\nSarah Lee\n", false, &d);
	assert_true(has_person(&d, "Tobias Wendt"));
	assert_true(has_person(&d, "Priya Nair"));
	detection_free(&d);

	/* a department after a list is no person; a name before an
	 * apposition is one */
	people_of("From: Ananya Krishnan <ananya.krishnan@tarangpay.example>\nSubject: Next step\n",
	    "Hi Jane,\n\nYou will speak with Vikram Rao, our VP Engineering, about the Principal Engineer - "
	    "Risk Platform role on Monday 7 December at 5:30 PM IST.\n\nAnanya\n", false, &d);
	assert_true(has_person(&d, "Vikram Rao"));
	assert_false(has_person(&d, "Risk Platform"));
	detection_free(&d);

	/* the person named as such, the person to ask for, a panel in
	 * brackets */
	people_of("From: Kevin Walsh <kevin.walsh@brightpathstaffing.example>\nSubject: Phone interview\n",
	    "Jane,\n\nThe hiring manager would like a phone interview tomorrow at 2pm. His name is "
	    "Doug Brennan, he runs the integrations group.\n\nKevin\n", false, &d);
	assert_true(has_person(&d, "Doug Brennan"));
	assert_false(has_person(&d, "Kevin Walsh"));
	detection_free(&d);
	people_of("From: Nicolas Peeters <nicolas.peeters@robertwalters.example>\nSubject: Interview\n",
	    "Hi Jane,\n\nThey'd like to see you tomorrow at 11 at their office (3rd floor, ask for "
	    "Isabelle Renard, Head of Finance Data).\n\nNicolas\n", false, &d);
	assert_true(has_person(&d, "Isabelle Renard"));
	assert_false(has_person(&d, "Nicolas Peeters"));   /* "to see you" is not his */
	detection_free(&d);
	people_of("From: Angela Brooks <angela.brooks@prairiemutual.example>\nSubject: Second round\n",
	    "Hi Jane,\n\nWe'd like to bring you back for a second round with the same panel (Ana Reyes, "
	    "Ben Okafor and Christine Lindqvist) next Thursday at 10am.\n\nAngela\n", false, &d);
	assert_true(has_person(&d, "Ana Reyes"));
	assert_true(has_person(&d, "Ben Okafor"));
	assert_true(has_person(&d, "Christine Lindqvist"));
	assert_false(has_person(&d, "Angela Brooks"));
	detection_free(&d);

	/* the writer arranging a meeting with themself: "let's", "my Zoom";
	 * not when another is named */
	people_of("From: Jenna Park <jenna.park@ridgeway.example>\nSubject: Re: Senior Data Engineer\n",
	    "Perfect - tomorrow at 11am it is! Here's my Zoom: https://zoom.example/j/1\n\nJenna\n",
	    false, &d);
	assert_true(has_person(&d, "Jenna Park"));
	detection_free(&d);
	people_of("From: Jenna Park <jenna.park@ridgeway.example>\nSubject: Re: Senior Data Engineer\n",
	    "Perfect - tomorrow at 11am you'll meet Tom Ashworth. Here's my Zoom: https://zoom.example/j/1\n\nJenna\n",
	    false, &d);
	assert_true(has_person(&d, "Tom Ashworth"));
	assert_false(has_person(&d, "Jenna Park"));
	detection_free(&d);

	/* "vais falar com": whom the user will talk with, not whom to ask */
	people_of("From: Beatriz Sousa <beatriz@azulejolabs.example>\nSubject: Entrevista Azulejo Labs\n",
	    "Ol\xc3\xa1 Jane,\n\nFica confirmada a tua entrevista: quarta-feira, 16 de dezembro, \xc3\xa0s 15h.\n\n"
	    "Vais falar com a In\xc3\xaas Carvalho (Head of Design) e com o Jo\xc3\xa3o Almeida (CPO).\n\nBeatriz\n",
	    false, &d);
	assert_true(has_person(&d, "In\xc3\xaas Carvalho"));
	assert_true(has_person(&d, "Jo\xc3\xa3o Almeida"));
	detection_free(&d);

	/* a reply that names nobody: the people its thread named */
	people_of("From: Mark Peters <mark.peters@groenstroom.example>\nSubject: RE: Videocall Product Designer\n"
	    "In-Reply-To: <q@example.net>\n",
	    "Hi Jane,\n\nGreat, see you next Thursday then! Saskia is looking forward to it.\n\nMark Peters\n\n"
	    "From: Jane Doe <jane.doe@example.net>\nSent: Thursday, 10 December 2026 21:47\n"
	    "To: Mark Peters <mark.peters@groenstroom.example>\nSubject: Re: Videocall Product Designer\n\n"
	    "Hi Mark, Thursday 14:00 works for me.\n\nJane\n\n"
	    "From: Mark Peters <mark.peters@groenstroom.example>\nSent: Thursday, 10 December 2026 16:03\n"
	    "To: Jane Doe <jane.doe@example.net>\nSubject: Videocall Product Designer\n\n"
	    "Hi Jane,\n\nWe would like to invite you for a first videocall with our Design Lead, Saskia Meijer.\n",
	    false, &d);
	assert_true(has_person(&d, "Saskia Meijer"));
	assert_false(has_person(&d, "Mark Peters"));
	detection_free(&d);
	/* a label of its own */
	people_of("From: Chloe Barnes <chloe.barnes@oqrecruit.example>\nSubject: Interview confirmation\n",
	    "Hi Jane,\n\nClient: Thistle Health\nRole: Senior Product Designer\nDate: Monday 21st December\n"
	    "Interviewing: Oliver Grant (VP Design) and Niamh Kelly (Product Director)\n\nChloe\n", false, &d);
	assert_true(has_person(&d, "Oliver Grant"));
	assert_true(has_person(&d, "Niamh Kelly"));
	detection_free(&d);

	/* a German noun after a possessive is no name */
	people_of("From: Fahrwerk GmbH <noreply@mail.personio.de>\nSubject: Einladung zum Videointerview\n",
	    "Hallo Jane,\n\nGespr\xc3\xa4" "chspartner: Katharina Vogel (Head of Design) und Jonas Albrecht\n\n"
	    "Informationen zum Umgang mit Deinen Daten findest Du in unserer Datenschutzerkl\xc3\xa4rung.\n", false, &d);
	assert_true(has_person(&d, "Katharina Vogel"));
	assert_false(has_person(&d, "Deinen Daten"));
	detection_free(&d);

	/* who will be present, the writer among them */
	people_of("From: Petra Svoboda <petra.svoboda@morava.example>\nSubject: Interview confirmation\n",
	    "Dear Mrs. Doe,\nwe confirm you the interview on 12.01.2027 at 10.00 CET. On the interview will be "
	    "present Mr. Tomas Horak (Head of QA) and me.\nWith kind regards\nPetra Svoboda\n", false, &d);
	assert_true(has_person(&d, "Tomas Horak"));
	assert_true(has_person(&d, "Petra Svoboda"));
	detection_free(&d);

	/* a calendar's guest list forwarded as text: its organiser */
	people_of("From: Rosa Lind <rosa.lind@kestrel.example>\nSubject: Fwd: Invitation: Jane Doe / Tomas Berg - chat\n",
	    "Hi Jane, forwarding Tomas's invite.\n\n---------- Forwarded message ---------\n"
	    "From: Tomas Berg <tomas.berg@kestrel.example>\n\nJane Doe / Tomas Berg - chat\n"
	    "Friday Jan 8, 2027 10am - 10:45am\n\nGuests\nTomas Berg - organizer\nRosa Lind\n"
	    "jane.doe@example.net\n", false, &d);
	assert_true(has_person(&d, "Tomas Berg"));
	assert_false(has_person(&d, "Rosa Lind"));
	detection_free(&d);

	/* a list whose names carry a title and an address in brackets, one
	 * a line */
	people_of("From: Meera Pillai <meera.pillai@kaveri.example>\nSubject: Interview confirmed\n",
	    "Dear Jane,\n\nDate/time : Friday 8 January 2027, 10:00-11:00 GMT\n"
	    "Interviewers: Anand Kulkarni, Engineering Manager (anand.kulkarni@kaveri.example)\n"
	    "              Rhea Menon, Staff Engineer (rhea.menon@kaveri.example)\n\nMeera\n", false, &d);
	assert_true(has_person(&d, "Anand Kulkarni"));
	assert_true(has_person(&d, "Rhea Menon"));
	detection_free(&d);
	/* the same with a title in brackets, an honorific, or nothing after
	 * the name: the line's end is the list's separator */
	people_of("From: Haruka Sato <haruka.sato@sakura.example>\nSubject: Invitation to the first interview\n",
	    "Dear Ms. Jane Doe,\n\n  Date and time : December 4th (Fri), 17:00-18:00 JST\n"
	    "  Interviewers  : Mr. Kenji Watanabe (General Manager, Data Division)\n"
	    "                  Ms. Yui Nakamura (Engineering Manager)\n\nBest regards,\nHaruka Sato\n", false, &d);
	assert_true(has_person(&d, "Kenji Watanabe"));
	assert_true(has_person(&d, "Yui Nakamura"));
	detection_free(&d);
	people_of("From: Haruka Sato <haruka.sato@sakura.example>\nSubject: Invitation to the first interview\n",
	    "Dear Jane,\n\nDate: December 4th (Fri), 17:00-18:00 JST\nInterviewers: Kenji Watanabe\n"
	    "              Yui Nakamura\n\nBest regards,\nHaruka Sato\n", false, &d);
	assert_true(has_person(&d, "Kenji Watanabe"));
	assert_true(has_person(&d, "Yui Nakamura"));
	detection_free(&d);

	/* a label of two words on the next line */
	people_of("From: Meera Pillai <meera.pillai@kaveri.example>\nSubject: Interview confirmed\n",
	    "Dear Jane,\n\nWhen: Friday 8 January 2027, 10:00-11:00 GMT\nInterviewers: Oskar Lund, Brigitte Okoro\n"
	    "Google Meet: https://meet.google.com/abc-defg-hij\n\nMeera\n", false, &d);
	assert_true(has_person(&d, "Oskar Lund"));
	assert_true(has_person(&d, "Brigitte Okoro"));
	detection_free(&d);

	/* a label's colon after blanks (an aligned block); a hiring team, a
	 * booking's staff member named by a label */
	people_of("From: Meera Pillai <meera.pillai@kaveri.example>\nSubject: Interview schedule\n",
	    "Dear Jane,\n\nDate      : 14-Jan-2027\nTime      : 11:00 AM IST\nPanel     : Mr. Anand Kulkarni\n\n"
	    "Regards,\nMeera\n", false, &d);
	assert_true(has_person(&d, "Anand Kulkarni"));
	detection_free(&d);
	people_of("From: Careers <no-reply@smartrecruiters.com>\nSubject: Interview scheduled\n",
	    "Hi Jane,\n\nWhen: January 14, 2027 11:00 AM (Europe/London)\nHiring team:   Oskar Lund (Hiring Manager)\n",
	    false, &d);
	assert_true(has_person(&d, "Oskar Lund"));
	detection_free(&d);
	people_of("From: Kaveri Bookings <bookings@kaveri.example>\nSubject: Booking confirmed\n",
	    "Your booking is confirmed.\nService: Technical interview\nStaff: Brigitte Okoro\n", false, &d);
	assert_true(has_person(&d, "Brigitte Okoro"));
	detection_free(&d);

	/* the last name of a labelled list, the next label on the next line
	 * (lines joined in the text): the label's word is no part of it */
	people_of("From: Kestrel Careers <kestrel@myworkday.com>\nSubject: Interview Scheduled\n",
	    "<p>Date: 01/12/2027<br>Panel: Oskar Lund; Brigitte Okoro<br>Location: Video call</p>", true, &d);
	assert_true(has_person(&d, "Oskar Lund"));
	assert_true(has_person(&d, "Brigitte Okoro"));
	detection_free(&d);
}

static void test_interviewers_in_tables(void **state)
{
	struct detection d;

	(void)state;
	/* a labelled row and a line that continues it */
	people_of("From: Kestrel Logistics <no-reply@hire.lever.co>\nSubject: Interview confirmed: Engineering Manager\n",
	    "<p>Hi Jane,</p><table><tr><td>When</td><td>Tuesday, January 5, 2027 2:00 PM - 3:00 PM GMT</td></tr>"
	    "<tr><td>Interviewers</td><td>Callum Fraser, Director of Engineering<br>Mei Tanaka, Staff Engineer</td></tr>"
	    "</table><p>Cheers,<br>Rosie Quinn</p>", true, &d);
	assert_true(has_person(&d, "Callum Fraser"));
	assert_true(has_person(&d, "Mei Tanaka"));
	assert_false(has_person(&d, "Director of Engineering"));
	detection_free(&d);

	/* a loop whose cell holds two names (a <br> in the cell) */
	people_of("From: Talia Green <scheduling@mail.modernloop.io>\nSubject: Interview schedule: Quartzline\n",
	    "<p>Your interviews are scheduled for Friday, December 18, 2026.</p><table>"
	    "<tr><th>Time</th><th>Interview</th><th>Interviewers</th></tr>"
	    "<tr><td>1:00 PM - 1:45 PM ET</td><td>Detection engineering</td><td>Ayesha Rahman</td></tr>"
	    "<tr><td>2:00 PM - 2:45 PM ET</td><td>Incident response panel</td><td>Brandon Kowalski<br>Yuki Mori</td></tr>"
	    "</table>", true, &d);
	assert_true(has_person(&d, "Ayesha Rahman"));
	assert_true(has_person(&d, "Brandon Kowalski"));
	assert_true(has_person(&d, "Yuki Mori"));
	detection_free(&d);

	/* the people emoji leads a line of who (a hiring system's lines of
	 * facts) */
	people_of("From: Kirsten Williams | Fynbos <noreply@teamtailor-mail.com>\nSubject: Final interview\n",
	    "Hi Jane!\n\n\xf0\x9f\x97\x93 Wednesday 16 December 2026\n\xf0\x9f\x95\x99 10:00 \xe2\x80\x93 10:45 (SAST)\n"
	    "\xf0\x9f\x91\xa5 Zaid Abrahams (CEO & co-founder) and Lindiwe Sithole (Head of Engineering)\n\nKirsten\n",
	    false, &d);
	assert_true(has_person(&d, "Zaid Abrahams"));
	assert_true(has_person(&d, "Lindiwe Sithole"));
	detection_free(&d);

	/* "en présence de M. Karim Benjelloun, ..., et de moi-même": the
	 * panel and the writer with it */
	people_of("From: Yasmine El Idrissi <y.elidrissi@atlasnumerique.example>\nSubject: Invitation \xc3\xa0 un entretien\n",
	    "Bonjour Madame Doe,\n\nNous avons le plaisir de vous convier \xc3\xa0 un entretien le mardi 8 d\xc3\xa9\x63\x65mbre "
	    "2026 \xc3\xa0 11h00 (heure de Casablanca). L'entretien se d\xc3\xa9roulera en pr\xc3\xa9sence de M. Karim "
	    "Benjelloun, Directeur des Syst\xc3\xa8mes d'Information, et de moi-m\xc3\xaame.\n\nBien cordialement,\n\n"
	    "Yasmine El Idrissi\nCharg\xc3\xa9\x65 de recrutement\n", false, &d);
	assert_true(has_person(&d, "Karim Benjelloun"));
	assert_true(has_person(&d, "Yasmine El Idrissi"));
	detection_free(&d);

	/* a title's field after a dash is no thing of a list: "with Mr.
	 * Omar Al Mansoori, Director - Digital & Data." names a person */
	people_of("From: Rania Haddad <rania.haddad@alwaha.example>\nSubject: Interview - Data Platform Manager\n",
	    "Dear Jane,\n\nPlease find below the invitation for your first interview for the Data Platform "
	    "Manager role with Mr. Omar Al Mansoori, Director - Digital & Data.\n\nDate: Sunday, 6 December 2026\n"
	    "Time: 10:00 - 10:45 GST\n\nRania\n", false, &d);
	assert_true(has_person(&d, "Omar Al Mansoori"));
	detection_free(&d);

	/* a hiring system's "Meet your interviewers" and a bulleted list */
	people_of("From: Lumenstack Recruiting <no-reply@ashbyhq.com>\nSubject: Interview confirmed\n",
	    "Hi Jane,\n\nYour interview with Lumenstack is confirmed!\n\nSystems Design Interview\n"
	    "Tuesday, December 8, 10:30 a.m. - 11:30 a.m. Eastern\n\nMeet your interviewers\n"
	    "- Chlo\xc3\xa9 Martin, Senior Software Engineer\n- Sam Oyelaran, Engineering Lead, Payments\n\n"
	    "Join: https://lumenstack.zoom.us/j/1\n", false, &d);
	assert_true(has_person(&d, "Chlo\xc3\xa9 Martin"));
	assert_true(has_person(&d, "Sam Oyelaran"));
	detection_free(&d);

	/* a degree's title before the name ("el Ing. Roberto Salgado") */
	people_of("From: Mariana Castaneda <mariana@altamira.example>\nSubject: Entrevista\n",
	    "Hola Jane,\n\nTe confirmo la entrevista con el Ing. Roberto Salgado, Gerente de Datos, el jueves "
	    "10 de diciembre de 2026 a las 10:00 hrs (hora del centro de M\xc3\xa9xico).\n\nMariana\n", false, &d);
	assert_true(has_person(&d, "Roberto Salgado"));
	detection_free(&d);

	/* Spanish "estaremos X y yo": the panel and the writer */
	people_of("From: Lucia Garmendia <lucia.garmendia@ondarreta.example>\nSubject: Entrevista t\xc3\xa9\x63nica\n",
	    "Hola Jane:\n\nOs escribo para dejar cerrada la entrevista t\xc3\xa9\x63nica el jueves 10 de diciembre de "
	    "2026 a las 10:00 (hora peninsular).\n\nEstaremos \xc3\x8d\xc3\xb1igo Zubiri (CTO) y yo.\n\n"
	    "Un saludo,\n\nLucia Garmendia\n", false, &d);
	assert_true(has_person(&d, "\xc3\x8d\xc3\xb1igo Zubiri"));
	detection_free(&d);

	/* Spanish "te entrevista": who interviews */
	people_of("From: Valentina Rojas <valentina.rojas@andestalent.example>\nSubject: Confirmaci\xc3\xb3n de entrevista\n",
	    "Hola Jane,\n\nTe confirmo la entrevista el viernes 11 de diciembre de 2026 a las 10:30 a.m. hora del Este.\n"
	    "Te entrevista Michael O'Connor, VP of Data Engineering.\n\nValentina\n", false, &d);
	assert_true(has_person(&d, "Michael O'Connor"));
	detection_free(&d);

	/* Spanish "estarán": who will be there */
	people_of("From: Laura Jimenez <laura.jimenez@andinapagos.example>\nSubject: Entrevista t\xc3\xa9\x63nica\n",
	    "Hola Jane,\n\nTe propongo la entrevista t\xc3\xa9\x63nica para el jueves 3 de diciembre a las 16:00. "
	    "Estar\xc3\xa1n Camilo Restrepo (CTO) y Valentina Ospina (Data Lead).\n\nLaura\n", false, &d);
	assert_true(has_person(&d, "Camilo Restrepo"));
	assert_true(has_person(&d, "Valentina Ospina"));
	detection_free(&d);

	/* a cell's name after its honorific, as in prose */
	people_of("From: Talia Green <scheduling@mail.modernloop.io>\nSubject: Interview schedule: Quartzline\n",
	    "<p>Your interviews are scheduled for Friday, December 18, 2026.</p><table>"
	    "<tr><th>Time</th><th>Interview</th><th>With</th></tr>"
	    "<tr><td>1:00 PM - 1:45 PM ET</td><td>Data modelling</td><td>Dr. Ben Achterberg, Principal Engineer</td></tr>"
	    "<tr><td>2:00 PM - 2:45 PM ET</td><td>System design</td><td>Fatima Haddad</td></tr>"
	    "</table>", true, &d);
	assert_true(has_person(&d, "Ben Achterberg"));
	assert_false(has_person(&d, "Dr. Ben Achterberg"));
	detection_free(&d);
}

/* A loop's day runs from its first row to its last: a check-in that
 * opens it is when the user is expected, though no session. */
static void test_loop_day(void **state)
{
	struct detection d;
	char *start = NULL, *end = NULL;

	(void)state;
	detect("From: Ines Duarte <ines.duarte@saltmarsh.example>\nSubject: Your onsite at Saltmarsh\n",
	    "<p>Hi Jane, here is your onsite for the Platform Engineer role on Friday, January 8, 2027 "
	    "(all times UK):</p><table><tr><th>Time</th><th>Session</th><th>With</th></tr>"
	    "<tr><td>8:45 - 9:00 AM</td><td>Arrival and check-in</td><td></td></tr>"
	    "<tr><td>9:00 - 10:00 AM</td><td>Architecture</td><td>Odile Brandt</td></tr>"
	    "<tr><td>10:15 - 11:00 AM</td><td>Pairing</td><td>Kenji Mori</td></tr>"
	    "<tr><td>11:00 - 11:30 AM</td><td>Office tour</td><td></td></tr></table>", true, &d);
	assert_true(d.has_start && d.has_end);
	start = iso_utc(d.start);
	end = iso_utc(d.end);
	expect_eq(start, "2027-01-08T08:45:00Z", "loop start");
	expect_eq(end, "2027-01-08T11:30:00Z", "loop end");
	assert_int_equal(d.ninterviewers, 2);
	free(start);
	free(end);
	detection_free(&d);

	/* one time, written in the subject and a table, and a length said
	 * before it */
	detect("From: Odile Brandt <no-reply@hire.lever.co>\nReply-To: Odile Brandt <odile.brandt@saltmarsh.example>\n"
	    "Subject: Phone screen with Saltmarsh: Friday, January 8 at 2:00 PM GMT\n",
	    "<table><tr><td><table><tr><td><p>Hi Jane,</p><p>Thanks for applying to Saltmarsh! I'd love to "
	    "tell you more about the <b>Platform Engineer</b> role.</p>"
	    "<p>I've scheduled a <b>45-minute phone screen</b> with you:</p><table>"
	    "<tr><td><b>When</b></td><td>Friday, January 8, 2027 at 2:00 PM GMT</td></tr>"
	    "<tr><td><b>Where</b></td><td>I'll call you on +44 7700 900456</td></tr>"
	    "<tr><td><b>With</b></td><td>Odile Brandt, Recruiter</td></tr></table>"
	    "<p>Talk soon,<br>Odile Brandt<br>Saltmarsh</p></td></tr></table></td></tr></table>", true, &d);
	assert_true(d.has_end);
	end = iso_utc(d.end);
	expect_eq(end, "2027-01-08T14:45:00Z", "one time written twice");
	free(end);
	detection_free(&d);

	/* a plain-text schedule under its heading, a blank line on each
	 * side of "Your schedule:" */
	detect("From: Heather Laird <hlaird@kingsmere.example>\nSubject: Interview day at Kingsmere\n",
	    "Dear Jane,\n\nI'm pleased to confirm your interview day for the Associate position on "
	    "Tuesday, January 19, 2027.\n\nYour schedule:\n\n"
	    "  9:00 - 9:30 a.m.    Graham Petts, Chair\n"
	    "  9:30 - 10:00 a.m.   Anjali Roy, Partner\n"
	    "  10:45 - 11:30 a.m.  Discussion with Susan Obi, Partner\n\nKind regards,\nHeather\n", false, &d);
	assert_true(d.has_start && d.has_end);
	start = iso_utc(d.start);
	end = iso_utc(d.end);
	expect_eq(start, "2027-01-19T09:00:00Z", "schedule under a heading: start");
	expect_eq(end, "2027-01-19T11:30:00Z", "schedule under a heading: end");
	free(start);
	free(end);
	detection_free(&d);
}

/* An assessment day: the candidate's own tasks (a test, an exercise
 * "invigilated" or "observed by" nobody named) are part of the day and no
 * agenda's meetings; the panel is who the sessions name. */
static void test_assessment_day(void **state)
{
	struct detection d;
	char *start = NULL, *end = NULL;

	(void)state;
	detect("From: Zanele Mthembu <zanele.mthembu@umoyafs.example>\nSubject: Assessment Centre - Head of Data\n",
	    "<p>We are pleased to invite you to the assessment centre for the Head of Data role.</p>"
	    "<p><b>Date:</b> Friday, 8 January 2027</p><p>Programme for the day (all times SAST)</p><table>"
	    "<tr><td>Time</td><td>Session</td><td>With</td></tr>"
	    "<tr><td>08:30 &ndash; 10:00</td><td>Psychometric assessments</td><td>Invigilated by People &amp; Culture</td></tr>"
	    "<tr><td>10:00 &ndash; 11:00</td><td>Case study preparation</td><td>Individual exercise</td></tr>"
	    "<tr><td>11:00 &ndash; 12:00</td><td>Case study presentation</td><td>Thabo Nkosi (CTO)</td></tr>"
	    "<tr><td>12:45 &ndash; 14:15</td><td>Competency-based interview</td><td>Ayesha Moosa, Thabo Nkosi</td></tr>"
	    "<tr><td>14:15 &ndash; 15:30</td><td>Group exercise</td><td>Observed by the assessors</td></tr></table>", true, &d);
	assert_true(d.has_start && d.has_end);
	start = iso_utc(d.start);
	end = iso_utc(d.end);
	expect_eq(start, "2027-01-08T06:30:00Z", "the day's first task");
	expect_eq(end, "2027-01-08T13:30:00Z", "the day's last task");
	assert_true(has_person(&d, "Thabo Nkosi"));
	assert_true(has_person(&d, "Ayesha Moosa"));
	free(start);
	free(end);
	detection_free(&d);
}

/* A Portuguese assessment day: the day after "de" ("11 de dezembro"),
 * a reception and a coffee as breaks, the team's row no person, "e"
 * between two names, "Eng.ª" an honorific. */
static void test_assessment_day_pt(void **state)
{
	struct detection d;
	char *start = NULL;

	(void)state;
	detect("From: Carla Meireles <carla.meireles@quintadigital.example>\nSubject: Convocat\xc3\xb3ria \xe2\x80\x93 Assessment Day\n",
	    "<p>O Assessment Day ter\xc3\xa1 lugar no dia 11 de dezembro de 2026 (sexta-feira), em Lisboa.</p><table>"
	    "<tr><th>Hora</th><th>Atividade</th><th>Com</th></tr>"
	    "<tr><td>09h30 \xe2\x80\x93 10h00</td><td>Rece\xc3\xa7\xc3\xa3o e apresenta\xc3\xa7\xc3\xa3o</td><td>Equipa de Recrutamento</td></tr>"
	    "<tr><td>10h00 \xe2\x80\x93 11h15</td><td>Din\xc3\xa2mica de grupo</td><td>Carla Meireles e Eng.\xc2\xaa Sofia Brand\xc3\xa3o</td></tr>"
	    "<tr><td>11h15 \xe2\x80\x93 11h30</td><td>Pausa para caf\xc3\xa9</td><td></td></tr>"
	    "<tr><td>11h30 \xe2\x80\x93 12h30</td><td>Entrevista t\xc3\xa9\x63nica individual</td><td>Eng.\xc2\xaa Sofia Brand\xc3\xa3o</td></tr>"
	    "</table>", true, &d);
	assert_true(d.has_start);
	start = iso_utc(d.start);
	expect_eq(start, "2026-12-11T09:30:00Z", "the reception opens the day");
	assert_true(has_person(&d, "Carla Meireles"));
	assert_true(has_person(&d, "Sofia Brand\xc3\xa3o"));
	assert_false(has_person(&d, "Equipa de Recrutamento"));
	free(start);
	detection_free(&d);
}

/* A day said again in the reader's zone, under the day in the rows'
 * zone, is the same moment: the rows keep the first day. */
static void test_loop_day_restated(void **state)
{
	struct detection d;
	char *start = NULL, *end = NULL;

	(void)state;
	detect("From: Tyler Jensen via ModernLoop <scheduling@modernloop.example>\nSubject: Confirmed: final round\n",
	    "<p>Your final round with Pinecrest Data for Staff Data Engineer is confirmed.</p>"
	    "<p><b>Monday, December 7, 2026 &middot; 2:00 PM &ndash; 4:00 PM PST</b><br>"
	    "(Tuesday, December 8, 9:00 AM &ndash; 11:00 AM AEDT)</p><table>"
	    "<tr><td>2:00 PM &ndash; 2:45 PM PST</td><td>Architecture</td><td>Hannah Brooks</td></tr>"
	    "<tr><td>2:45 PM &ndash; 4:00 PM PST</td><td>Coding</td><td>Dev Patel</td></tr></table>", true, &d);
	assert_true(d.has_start && d.has_end);
	start = iso_utc(d.start);
	end = iso_utc(d.end);
	expect_eq(start, "2026-12-07T22:00:00Z", "the rows' day, not the reader's");
	expect_eq(end, "2026-12-08T00:00:00Z", "loop end");
	free(start);
	free(end);
	detection_free(&d);

	/* the same rows in the reader's zone go with the reader's day */
	detect("From: Tyler Jensen via ModernLoop <scheduling@modernloop.example>\nSubject: Confirmed: final round\n",
	    "<p>Your final round with Pinecrest Data for Staff Data Engineer is confirmed.</p>"
	    "<p><b>Monday, December 7, 2026 at 2:00 PM PST</b><br>"
	    "(Tuesday, December 8, 9:00 AM AEDT)</p><table>"
	    "<tr><td>9:00 AM &ndash; 9:45 AM AEDT</td><td>Architecture</td><td>Hannah Brooks</td></tr>"
	    "<tr><td>9:45 AM &ndash; 11:00 AM AEDT</td><td>Coding</td><td>Dev Patel</td></tr></table>", true, &d);
	assert_true(d.has_start);
	start = iso_utc(d.start);
	expect_eq(start, "2026-12-07T22:00:00Z", "the reader's rows on the reader's day");
	free(start);
	detection_free(&d);
}

static void test_contact_named_with_address(void **state)
{
	struct detection d;

	(void)state;
	detect("From: Globex Careers <globex@myworkday.com>\nSubject: Interview Scheduled - Site Reliability Engineer\n",
	    "Dear Jane,\n\nInterview Date: Tuesday, December 1, 2026\nInterview Time: 9:00 AM - 10:00 AM Central "
	    "Standard Time\n\nIf you have questions, please contact your recruiter, Kevin Tran, at "
	    "kevin.tran@globex.example.\n\nSincerely,\nGlobex Talent Acquisition\n", false, &d);
	expect_eq(d.contact.name, "Kevin Tran", "contact name");
	expect_eq(d.contact.email, "kevin.tran@globex.example", "contact email");
	detection_free(&d);

	/* the person named as the recruiter, with the address the mail
	 * gives, over the organiser who interviews */
	detect("From: Anna Kowalski <anna.kowalski@bundl.example>\nSubject: Invitation: Bundl - Product Designer\n",
	    "Hi Jane,\n\nYour interview with Anna Kowalski and Tim Hofman is on Friday 18 December at 3pm CET.\n\n"
	    "Questions beforehand? Rosa Vink (rosa.vink@bundl.example), our recruiter, is happy to help.\n", false, &d);
	expect_eq(d.contact.name, "Rosa Vink", "the recruiter named");
	expect_eq(d.contact.email, "rosa.vink@bundl.example", "the recruiter's address");
	detection_free(&d);

	/* a hiring system's no-reply mail signed by a person with an
	 * address, under a closing of the mail's language */
	detect("From: Cuadrante <no-reply@teamtailor-mail.com>\nSubject: Entrevista con Cuadrante\n",
	    "\xc2\xa1Hola Jane!\n\nTe confirmamos la entrevista para el puesto de Dise\xc3\xb1\x61\x64or de Producto: "
	    "el martes 15 de diciembre a las 10h (CET).\n\n\xc2\xa1Un abrazo!\n\nLuc\xc3\xad\x61 Fern\xc3\xa1ndez\n"
	    "Talent Acquisition \xc2\xb7 Cuadrante\nlucia.fernandez@cuadrante.example\n", false, &d);
	expect_eq(d.contact.email, "lucia.fernandez@cuadrante.example", "signed under \xc2\xa1Un abrazo!");
	detection_free(&d);

	/* a booking from the team's mailbox names one person: greeted by
	 * name, written to at the mailbox */
	detect("From: Kinder Scout Insurance Careers <KinderScoutCareers@kinderscout.example>\n"
	    "Subject: Booking confirmed: Screening call - Senior Product Analyst\n",
	    "<html><body><div>Your booking is confirmed</div><div>Screening call &ndash; Senior Product "
	    "Analyst</div><div>Friday, 4 December 2026</div><div>10:00 - 10:30 (UTC+00:00) Dublin, Edinburgh, "
	    "Lisbon, London</div><div>Staff: Tasha Greaves</div><div>Thanks for booking a screening call. "
	    "Tasha will run through your background.</div></body></html>\n", true, &d);
	expect_eq(d.contact.name, "Tasha Greaves", "the person over the mailbox");
	expect_eq(d.contact.email, "kinderscoutcareers@kinderscout.example", "the mailbox's address");
	detection_free(&d);

	/* a person writing through their relay at a hiring system: the
	 * relay's Reply-To routes the answer to them; a hiring system's
	 * address under another name is nobody's */
	detect("From: Kelsey Tran <kelsey.tran@hire.lever.co>\nReply-To: kelsey.tran+1b8e4f2a@hire.lever.co\n"
	    "Subject: Harbourline Analytics - next step: interview with Marcus\n",
	    "Hi Jane,\n\nI've booked you in with our hiring manager, Marcus Oyelaran, on Tuesday, "
	    "November 24 at 3:00 PM PT for the Staff Analytics Engineer role.\n\nBest,\nKelsey Tran\n", false, &d);
	expect_eq(d.contact.name, "Kelsey Tran", "relay's person");
	expect_eq(d.contact.email, "kelsey.tran+1b8e4f2a@hire.lever.co", "relay's Reply-To");
	detection_free(&d);
	detect("From: Kelsey Tran <no-reply@hire.lever.co>\n"
	    "Subject: Harbourline Analytics - next step: interview with Marcus\n",
	    "Hi Jane,\n\nI've booked you in with our hiring manager, Marcus Oyelaran, on Tuesday, "
	    "November 24 at 3:00 PM PT for the Staff Analytics Engineer role.\n\nBest,\nKelsey Tran\n", false, &d);
	assert_true(d.contact.email == NULL || strstr(d.contact.email, "lever.co") == NULL);
	detection_free(&d);
}

/* An invite with its organiser and attendees, sent by from. */
static void invite(const char *from, const char *attendees, struct detection *d)
{
	char *raw = xasprintf("From: %s\nTo: Jane Doe <jane.doe@example.net>\n"
	    "Subject: Invitation: Interview (Lead Engineer)\nDate: Tue, 24 Nov 2026 10:00:00 +0000\n"
	    "MIME-Version: 1.0\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\n\n"
	    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
	    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:20261204T110000Z\r\nDTEND:20261204T120000Z\r\n"
	    "DTSTAMP:20261124T100000Z\r\nUID:fields-test-1\r\nSUMMARY:Interview - Lead Engineer\r\n"
	    "ORGANIZER;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n%s"
	    "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
	    from, attendees);
	struct message *m = message_parse(raw, strlen(raw), NULL);
	struct detect_opts o;

	opts_for_tests(&o);
	assert_int_equal(detect_message(m, &o, d), 0);
	message_free(m);
	free(raw);
}

/* The same invite from its organiser, with a text part that says text. */
static void invite_said(const char *text, const char *attendees, struct detection *d)
{
	char *raw = xasprintf("From: Tomas Herrera <tomas.herrera@marlowfinch.example>\n"
	    "To: Jane Doe <jane.doe@example.net>\nSubject: Invitation: Interview (Lead Engineer)\n"
	    "Date: Tue, 24 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=\"b\"\n\n--b\n"
	    "Content-Type: text/plain; charset=utf-8\n\nInterview for the Lead Engineer role.\n%s\n\n"
	    "--b\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\n\n"
	    "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\n"
	    "METHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART:20261204T110000Z\r\nDTEND:20261204T120000Z\r\n"
	    "DTSTAMP:20261124T100000Z\r\nUID:fields-test-2\r\nSUMMARY:Interview - Lead Engineer\r\n"
	    "ORGANIZER;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n%s"
	    "ATTENDEE;CN=Jane Doe:mailto:jane.doe@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	    "--b--\n", text, attendees);
	struct message *m = message_parse(raw, strlen(raw), NULL);
	struct detect_opts o;

	opts_for_tests(&o);
	assert_int_equal(detect_message(m, &o, d), 0);
	message_free(m);
	free(raw);
}

static void test_invite_people(void **state)
{
	struct detection d;

	(void)state;
	/* a colleague of the organiser sent it: the writer is the contact */
	invite("Priya Desai <priya.desai@marlowfinch.example>",
	    "ATTENDEE;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n", &d);
	expect_eq(d.contact.email, "priya.desai@marlowfinch.example", "colleague's contact");
	detection_free(&d);
	/* an agency recruiter who forwards, invited to follow: no interviewer;
	 * a team named as a participant neither */
	invite("Sam Patel <sam.patel@talentbridge.example>",
	    "ATTENDEE;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n"
	    "ATTENDEE;CN=Sam Patel:mailto:sam.patel@talentbridge.example\r\n"
	    "ATTENDEE;CN=Marlow Finch Recruitment:mailto:recruitment@marlowfinch.example\r\n", &d);
	assert_true(has_person(&d, "Tomas Herrera"));
	assert_false(has_person(&d, "Sam Patel"));
	assert_false(has_person(&d, "Marlow Finch Recruitment"));
	detection_free(&d);
	/* an invitee the mail sends the user to with questions is the
	 * contact, not on the panel */
	invite_said("Anything unclear? Please write to Nadia Petrova, our scheduler.",
	    "ATTENDEE;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n"
	    "ATTENDEE;CN=Nadia Petrova:mailto:nadia.petrova@marlowfinch.example\r\n", &d);
	assert_true(has_person(&d, "Tomas Herrera"));
	assert_false(has_person(&d, "Nadia Petrova"));
	expect_eq(d.contact.email, "nadia.petrova@marlowfinch.example", "the contact pointed to");
	detection_free(&d);
	/* an organiser not listed who names themself beside an attendee
	 * sits on the panel; "reply and I'll find another slot" is no
	 * such word */
	invite_said("Hi Jane - Mateo and I will run a 60 min pairing session.",
	    "ATTENDEE;CN=Mateo Silva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_true(has_person(&d, "Tomas Herrera"));
	assert_true(has_person(&d, "Mateo Silva"));
	detection_free(&d);
	/* Google lists its organiser among the attendees: when the mail
	 * names the panel and not them, and they say they take no part,
	 * they arranged it (the contact), not an interviewer */
	invite_said("Panel: Mateo Silva (Head of Data).",
	    "ATTENDEE;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n"
	    "ATTENDEE;CN=Mateo Silva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_false(has_person(&d, "Tomas Herrera"));
	assert_true(has_person(&d, "Mateo Silva"));
	expect_eq(d.contact.email, "tomas.herrera@marlowfinch.example", "the organiser arranged it");
	detection_free(&d);
	/* a call that is past ("further to our call") is no sign of taking
	 * part in this one */
	invite_said("Further to our call, please find the invitation. Panel: Mateo Silva (Head of Data).",
	    "ATTENDEE;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n"
	    "ATTENDEE;CN=Mateo Silva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_false(has_person(&d, "Tomas Herrera"));
	detection_free(&d);
	invite_said("You will meet Mateo Silva. I will greet you at reception and join for the first few minutes.",
	    "ATTENDEE;CN=Tomas Herrera:mailto:tomas.herrera@marlowfinch.example\r\n"
	    "ATTENDEE;CN=Mateo Silva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_true(has_person(&d, "Tomas Herrera"));
	assert_true(has_person(&d, "Mateo Silva"));
	detection_free(&d);
	/* a calendar's name without its blank and the text's with it are
	 * one person, written with the blank */
	invite_said("Vai estar comigo o Mateo Silva, Tech Lead da equipa.",
	    "ATTENDEE;CN=MateoSilva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_true(has_person(&d, "Mateo Silva"));
	assert_false(has_person(&d, "MateoSilva"));
	detection_free(&d);
	invite_said("If the time doesn't work, reply to this email and I'll find another slot.",
	    "ATTENDEE;CN=Mateo Silva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_false(has_person(&d, "Tomas Herrera"));
	assert_true(has_person(&d, "Mateo Silva"));
	detection_free(&d);
}

/* A role that ends with the company's name is the role before it. */
static void test_role_without_company(void **state)
{
	struct detection d;

	(void)state;
	invite_said("", "ATTENDEE;CN=Mateo Silva:mailto:mateo.silva@marlowfinch.example\r\n", &d);
	assert_non_null(d.company);
	{
		char *role = xasprintf("Lead Engineer, %s", d.company);

		free(d.role);
		d.role = role;
	}
	drop_company_from_role(&d);
	expect_eq(d.role, "Lead Engineer", "the company after a comma");
	free(d.role);
	d.role = xasprintf("Analyst at %s", d.company);
	drop_company_from_role(&d);
	expect_eq(d.role, "Analyst", "the company after \"at\"");
	free(d.role);
	d.role = xstrdup("Head of Data");
	drop_company_from_role(&d);
	expect_eq(d.role, "Head of Data", "no company in it");
	detection_free(&d);
}

/* A display name in a directory's order: "Last, First", "Last, I.
 * (Given)", a department's code in brackets, no blank after the comma. */
static void test_display_names(void **state)
{
	static const char *const cases[][2] = {
		{ "Brooks, Ada", "Ada Brooks" },
		{ "Lammers, S. (Sophie)", "Sophie Lammers" },
		{ "Nguyen, Paul (MPBSDP)", "Paul Nguyen" },
		{ "Bakkali,Ahmed", "Ahmed Bakkali" },
		{ "Ada Brooks via Greenhouse", "Ada Brooks" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *r = person_display(cases[i][0]);

		expect_eq(r, cases[i][1], cases[i][0]);
		free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_display_names),
		cmocka_unit_test(test_signature_company),
		cmocka_unit_test(test_company_people_dropped),
		cmocka_unit_test(test_domain_company),
		cmocka_unit_test(test_company_in_full),
		cmocka_unit_test(test_tool_not_company),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_interviewers_in_prose),
		cmocka_unit_test(test_interviewers_in_tables),
		cmocka_unit_test(test_loop_day),
		cmocka_unit_test(test_loop_day_restated),
		cmocka_unit_test(test_assessment_day),
		cmocka_unit_test(test_assessment_day_pt),
		cmocka_unit_test(test_contact_named_with_address),
		cmocka_unit_test(test_invite_people),
		cmocka_unit_test(test_role_without_company),
		cmocka_unit_test(test_me_name),
		cmocka_unit_test(test_acronym_company),
		cmocka_unit_test(test_lawyer_titles),
		cmocka_unit_test(test_panel_titles),
		cmocka_unit_test(test_law_roles),
		cmocka_unit_test(test_board_list),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
