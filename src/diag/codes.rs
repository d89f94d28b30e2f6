//! The registry of finding codes: one flat table, so that codes are unique, documented and
//! stable. `nkrr-onboard explain CODE` prints an entry; tests check that no two share a name and
//! that each has a full explanation.

use super::Severity;

macro_rules! codes {
    ($( $variant:ident = $name:literal, $sev:ident, $summary:literal, $doc:literal; )*) => {
        /// A finding's code: stable, kebab-case, documented.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name shown in findings.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity a finding of this code has unless the rule says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One line: what the code is about.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The full explanation: what is checked, why, and how to fix it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }
        }
    };
}

codes! {
    // --- reading the file -------------------------------------------------------------------
    UnreadableFile = "unreadable-file", Error, "the file cannot be read",
        "The file exists but could not be read: a permission problem, a directory with a `.yaml` name, or an I/O error.\n\nFix: make the path a readable regular file, or remove it from `onboardings/`.";
    Symlink = "symlink", Error, "the file is a symbolic link, which is not followed",
        "A symbolic link in the onboardings is reported and never followed, wherever it points. Inside the repository it would be a second name for an onboarding (two files for one vårdgivare); outside it, a way to make the tool read a file that is not an onboarding. A git revision stores the link, not its target, so reading a revision gives the same finding.\n\nFix: put the onboarding itself in `onboardings/`, under its care provider's HSA-id.";
    FileTooLarge = "file-too-large", Error, "the file is larger than the size limit",
        "An onboarding is a few kilobytes. A file over the limit (1 MiB unless `--max-file-size` says otherwise) is not parsed, so that a mistaken or hostile file cannot slow the whole run.\n\nFix: remove what does not belong in the file, or raise the limit.";
    InvalidEncoding = "invalid-encoding", Error, "the file is not UTF-8 text",
        "YAML files here must be UTF-8. The file has bytes that are not UTF-8 (for example UTF-16, or Latin-1 from an old editor).\n\nFix: save the file as UTF-8.";
    ByteOrderMark = "byte-order-mark", Warning, "the file starts with a UTF-8 byte-order mark",
        "A UTF-8 byte-order mark is allowed by YAML but invisible and useless; some tools choke on it. The file is read without it.\n\nFix: save the file as UTF-8 without BOM.";
    // --- YAML structure ---------------------------------------------------------------------
    YamlSyntax = "yaml-syntax", Error, "the file is not valid YAML",
        "The YAML parser stopped at the marked position. Nothing else in the file is checked until it parses.\n\nCommon causes: a tab used for indentation, a missing space after `:`, an unclosed quote or bracket.";
    EmptyDocument = "empty-document", Error, "the file holds no YAML document",
        "The file is empty or holds only comments, so there is no onboarding in it.\n\nFix: start from `nkrr-onboard new`, or remove the file.";
    MultipleDocuments = "multiple-documents", Error, "the file holds more than one YAML document",
        "One file describes one vårdgivare, so it must hold exactly one YAML document. A second `---` starts another document, which is not read.\n\nFix: move the second document to its own file, named after its care provider's HSA-id.";
    DuplicateKey = "duplicate-key", Error, "a key appears twice in the same mapping",
        "YAML forbids duplicate keys, and tools disagree on which value wins, so a duplicate is never silently accepted, even when both values are equal. The first value is kept for the other checks.\n\nFix: remove one of the two.";
    YamlAlias = "yaml-alias", Error, "anchors and aliases are not allowed",
        "Anchors (`&name`) and aliases (`*name`) make a file hard to review, because a value seen in one place is defined in another, and they allow expansion attacks. Aliases are not expanded.\n\nFix: write the value out where it is used.";
    YamlTag = "yaml-tag", Error, "YAML tags are not allowed",
        "Tags (`!!binary`, `!custom`) change how a value is read. An onboarding holds only plain strings, numbers, booleans, lists and mappings.\n\nFix: remove the tag; quote the value if it must stay text.";
    YamlMergeKey = "yaml-merge-key", Error, "merge keys (`<<`) are not allowed",
        "The merge key `<<` is not part of YAML 1.2 and hides where a value comes from.\n\nFix: write the keys out.";
    NonStringKey = "non-string-key", Error, "a mapping key is not a plain string",
        "Every key in an onboarding is a name such as `hsa_id`. A key that YAML reads as a number, boolean, null, list or mapping cannot be one of them.\n\nFix: use the key the schema expects.";
    NestingTooDeep = "nesting-too-deep", Error, "the YAML is nested deeper than any onboarding can be",
        "An onboarding is nested a handful of levels deep. Deeper nesting is not read, so that hostile input cannot exhaust memory or time.\n\nFix: flatten the structure as the schema describes.";
    TooManyNodes = "too-many-nodes", Error, "the YAML has more values than any onboarding can have",
        "An onboarding has a few hundred values (keys, items, scalars). A file with far more is not read on, so that a hostile or mistaken file cannot take the memory and time of the whole run; the rest of the file is not checked.\n\nFix: remove what does not belong in the file; one file describes one vårdgivare.";
    // --- schema -----------------------------------------------------------------------------
    UnknownKey = "unknown-key", Error, "a key that the format does not have",
        "The schema lists every key an onboarding may have; anything else is most often a misspelling, and would otherwise be silently ignored.\n\nFix: correct the key (the help names the keys allowed here) or remove it.";
    MissingKey = "missing-key", Error, "a required key is missing",
        "The key is required at this place. Every checklist field that the orders need is required; optional ones may be omitted.\n\nFix: add the key; `nkrr-onboard new` writes a file with every section present.";
    WrongType = "wrong-type", Error, "a value has the wrong type",
        "The value is not of the type the schema expects here. Plain YAML values are read by YAML 1.2's core schema, so `0755` and `1.10` are numbers and `true` a boolean; quote them to keep them text.\n\nFix: give a value of the expected type.";
    InvalidValue = "invalid-value", Error, "a value is not one of the allowed values",
        "The field takes one of a fixed set of values; the help lists them.\n\nFix: use one of the allowed values.";
    SchemaViolation = "schema-violation", Error, "a value breaks a rule of the schema",
        "The value does not meet a constraint of the schema (length, number of items, format).\n\nFix: see the message; the schema in `schema/onboarding.schema.json` describes every field.";
    InvalidHsaId = "invalid-hsa-id", Error, "an HSA-id that TAK would reject",
        "TAK accepts an HSA-id only when it is 1 to 255 characters of `A-Z`, `a-z`, `0-9`, `-` and `_`. Spaces, dots and other characters make the order fail.\n\nFix: copy the HSA-id exactly from the HSA catalogue or the SITHS certificate.";
    InvalidUrl = "invalid-url", Error, "a producer URL that TAK would reject",
        "TAK accepts an anropsadress only when it is 5 to 255 characters of letters, digits and `_ . : / ? & -`. In particular `=`, `%`, `#` and spaces are not allowed.\n\nFix: use the producer's plain service URL, without query parameters that need `=`.";
    UnknownContract = "unknown-contract", Error, "a contract that is not in the catalogue",
        "Contracts are written as in the checklist, name and major version: `GetCareContacts v3`. Only the JoL contracts in the catalogue can be produced for NKRR.\n\nFix: use one of the names the help lists; the closest is suggested.";
    InvalidDate = "invalid-date", Error, "not a calendar date in the form YYYY-MM-DD",
        "Dates are written `YYYY-MM-DD` and must exist in the calendar (`2026-02-30` does not).\n\nFix: write the date as `2026-03-05`.";
    InvalidEmail = "invalid-email", Error, "not an e-mail address",
        "The value must be an e-mail address such as `anna.exempelsson@exempel.se`.";
    InvalidPhone = "invalid-phone", Error, "not a telephone number",
        "A telephone number is digits, spaces and `-`, optionally starting with `+`: `010-123 45 67`.";
    // --- rules beyond the schema ------------------------------------------------------------
    UnfilledPlaceholder = "unfilled-placeholder", Error, "a value from `nkrr-onboard new` that is not filled in yet",
        "`nkrr-onboard new` writes a file with every section present and a placeholder `\"<fill in: …>\"` wherever only the vårdgivare can supply the value (a system's HSA-id, a producer URL, a contact). A placeholder is reported once, by this code, instead of whatever rule its text breaks, so that a new file lists exactly what is left to fill in.\n\nFix: replace the placeholder, quotes included, with the value the text inside names; remove an optional field (`document_name`, `phone`, the certificate's `name`) that you cannot fill in yet.";
    HsaIdNonstandard = "hsa-id-nonstandard", Warning, "an HSA-id not in Inera's standard form",
        "Inera's HSA-ids have the form `SE` + a 10-digit organisationsnummer with a valid check digit + `-` + letters and digits, at most 31 characters (`SE2321000131-S000000015598`). TAK accepts other ids, and the platform's own (`HSASERVICES-106J`, `5565594230`) are known, but any other id in another form is most often a typing error.\n\nFix: check the id against the HSA catalogue.";
    UrlNotHttps = "url-not-https", Error, "a producer URL that is not https",
        "NTjP calls producers over TLS with SITHS certificates, in QA as in PROD, so the URL starts with `https://`.\n\nFix: use the https address of the producer.";
    ProdUrlLooksLikeTest = "prod-url-looks-like-test", Warning, "a PROD URL that looks like a QA or test host",
        "The PROD URL contains a marker of a test environment (`qa`, `test`, `stage`, `dev`, `acc`) as a part of its host name, which is usually a copy-paste from the QA section.\n\nFix: use the producer's production address.";
    ProdUrlSameAsQa = "prod-url-same-as-qa", Warning, "a PROD URL equal to the QA URL",
        "The same contract has the same URL in QA and PROD. Producers almost always have separate addresses per environment.\n\nFix: use the producer's production address, or confirm with the producer.";
    NoSourceSystem = "no-source-system", Error, "contracts are produced but no source system is listed",
        "The JoL contracts are source-system addressed: NKRR calls each source system's HSA-id as logical address (3.5.3). Without one there is nothing to route to.\n\nFix: list at least one source system under `source_systems`.";
    UnknownSourceSystem = "unknown-source-system", Error, "an existing routing names a source system that is not listed",
        "`existing_routings` and `existing_nkrr_permissions` name source systems by HSA-id; each must be one of the environment's `source_systems`.\n\nFix: add the source system, or correct the HSA-id.";
    DuplicateEntry = "duplicate-entry", Error, "the same contract or source system is listed twice",
        "A contract or source system (HSA-ids compared case-insensitively, as TAK does) appears twice in one list, which would order it twice; TAK rejects duplicates.\n\nFix: remove one of them.";
    InvalidPersonnummer = "invalid-personnummer", Error, "not a valid personnummer or samordningsnummer",
        "A personnummer is 12 digits `YYYYMMDDNNNC`: an existing date (a samordningsnummer adds 60 to the day) and a Luhn check digit over the last ten digits.\n\nFix: copy the test patient's number exactly.";
    NotATestIdentity = "not-a-test-identity", Error, "a test patient that is not a known test identity",
        "Test patients must be test identities, never real people: this repository is shared and kept forever. Known test identities are the catalogue's (Tolvan Tolvansson) and those in files given with `--test-identities` (for example Skatteverket's published list of testpersonnummer).\n\nFix: use a test identity; if the number is one, add it to your test-identities file.";
    MissingDate = "missing-date", Error, "a step is marked done without a date",
        "Every done step records when it was done, so that the order of events can be checked and reported.\n\nFix: add `date:` to the step.";
    DateOnOpenStep = "date-on-open-step", Warning, "a step has a date but is not marked done",
        "A date on a step that is not done is ambiguous: planned, or done and not ticked?\n\nFix: set `done: true`, or remove the date.";
    ApprovedWithoutSubmitted = "approved-without-submitted", Error, "a step is approved but not submitted",
        "Inera approves what was sent in: a förstudie or order cannot be approved before it was submitted.\n\nFix: mark the submission done, with its date.";
    PrerequisiteNotDone = "prerequisite-not-done", Error, "a step is done although a step it needs is not",
        "Some steps need another one done first: the communication test needs the QA order approved (kap. 4.2), the content verification needs the communication test passed.\n\nFix: mark the earlier step done, with its date, or correct the later one.";
    DateOutOfOrder = "date-out-of-order", Error, "a step is dated before the step it depends on",
        "Steps happen in order: a förstudie is approved after it was submitted, an order after the förstudie, a test after the order was approved, PROD after QA.\n\nFix: correct one of the two dates.";
    ProdBeforeQa = "prod-before-qa", Error, "the PROD order is placed before QA is done",
        "The checklist (kap. 5) orders PROD only after the QA communication test passed and the förstudie was updated with the test results and submitted again.\n\nFix: complete the QA test and the updated förstudie first, or correct the PROD order's status.";
    AggregatingWithoutEngagementIndex = "aggregating-without-engagement-index", Warning, "testing via the aggregating service without the engagement index",
        "Via the aggregating service (5565594230), NKRR finds a patient's data only if the producer updates the engagement index. In QA the index must be connected already, or ordered and the order approved. Reported as an error when the test is marked passed.\n\nFix: order the engagement-index connection, or test with `addressing: direct` first.";
    AgentAgreementMissing = "agent-agreement-missing", Error, "a supplier is named but the agentavtal is missing",
        "A supplier acting for several vårdgivare needs an agentavtal with Inera (checklist 2.3).\n\nFix: add `agreements.agent_agreement`.";
    FileNameMismatch = "file-name-mismatch", Error, "the file is not named after its care provider's HSA-id",
        "Each onboarding lives in `onboardings/<care-provider-hsa-id>.yaml`, so that a vårdgivare has one obvious place and exports can be named after it.\n\nFix: rename the file, or correct the HSA-id.";
    DuplicateCareProvider = "duplicate-care-provider", Error, "two files describe the same care provider",
        "Two onboardings with the same care-provider HSA-id (compared case-insensitively, as TAK does) would order the same connections twice.\n\nFix: merge the two files.";
    PersonalData = "personal-data", Error, "something that looks like a real personnummer",
        "The raw text (comments included) holds a number with the shape and check digit of a personnummer or samordningsnummer outside a test patient's field. Onboardings are kept in git forever; personal data does not belong there. The number is masked in this report.\n\nFix: remove it; if it is a test identity, put it in a test patient's `personnummer` field.";
}
