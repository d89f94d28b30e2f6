//! Value types of the onboarding format: strings with a shape.
//!
//! Each is a transparent newtype over `String` with a hand-written schema, so that the pattern
//! or enum sits in one `$defs` entry. The schema stage maps a violation inside one of these
//! definitions to that type's own finding code (`invalid-hsa-id`, `invalid-url` …) rather than a
//! generic schema error: see [`crate::schema`]. Deserialisation accepts any string; the shape is
//! enforced by the schema, whose findings carry positions.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

use crate::catalog::Catalogue;

/// TAK's rule for HSA-ids of logical addresses and components.
pub const HSA_ID_PATTERN: &str = "^[0-9A-Za-z_-]{1,255}$";
/// TAK's rule for an anropsadress.
pub const URL_PATTERN: &str = "^[0-9A-Za-z_.:/?&-]{5,255}$";
/// The characters besides letters and digits that [`URL_PATTERN`] allows.
pub const URL_EXTRA_CHARS: &str = "_.:/?&-";

macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The value as written in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_newtype!(
    /// An HSA-id. Stored as written; TAK compares HSA-ids case-insensitively.
    HsaId
);
string_newtype!(
    /// A calendar date, `YYYY-MM-DD`.
    Date
);
string_newtype!(
    /// A producer URL (anropsadress).
    ProducerUrl
);
string_newtype!(
    /// A JoL contract by its checklist name, e.g. `GetCareContacts v3`.
    ContractName
);
string_newtype!(
    /// A personnummer or samordningsnummer, 12 digits.
    Personnummer
);
string_newtype!(
    /// An e-mail address.
    Email
);
string_newtype!(
    /// A telephone number.
    Phone
);

impl HsaId {
    /// TAK's comparison: case-insensitive.
    pub fn same_as(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl JsonSchema for HsaId {
    fn schema_name() -> Cow<'static, str> {
        "HsaId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "HSA-id",
            "description": "HSA-id: letters A-Z, digits, `-` and `_`, at most 255 characters (TAK's rule). Inera's standard form is `SE` + organisationsnummer + `-` + a local part, e.g. `SE2321000131-S000000015598`.",
            "type": "string",
            "pattern": HSA_ID_PATTERN,
            "examples": ["SE2321000131-S000000015598"]
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Datum",
            "description": "Datum, `YYYY-MM-DD`.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "examples": ["2026-03-05"]
        })
    }
}

impl JsonSchema for ProducerUrl {
    fn schema_name() -> Cow<'static, str> {
        "ProducerUrl".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "URL för tjänsteproducent",
            "description": "Anropsadress: 5 to 255 characters of letters, digits and `_ . : / ? & -` (TAK's rule; no `=`, `%`, `#` or spaces), over https.",
            "type": "string",
            "pattern": URL_PATTERN,
            "examples": [super::examples::url(crate::model::Env::Qa)]
        })
    }
}

impl JsonSchema for ContractName {
    fn schema_name() -> Cow<'static, str> {
        "ContractName".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let catalogue = Catalogue::get();
        let names: Vec<String> = catalogue
            .journal_contracts()
            .map(|c| c.display_name())
            .collect();
        let described: Vec<String> = catalogue
            .journal_contracts()
            .map(|c| format!("`{}` ({})", c.display_name(), c.domain))
            .collect();
        json_schema!({
            "title": "Tjänstekontrakt",
            "description": format!(
                "A JoL contract from the catalogue, written as in the checklist: {}.",
                described.join(", ")
            ),
            "type": "string",
            "enum": names,
        })
    }
}

impl JsonSchema for Personnummer {
    fn schema_name() -> Cow<'static, str> {
        "Personnummer".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Personnummer",
            "description": "Personnummer or samordningsnummer, 12 digits `YYYYMMDDNNNC` as in RIV-TA. Quote it so that YAML keeps it a string. Only test identities belong here.",
            "type": "string",
            "pattern": "^[0-9]{12}$",
            "examples": ["191212121212"]
        })
    }
}

impl JsonSchema for Email {
    fn schema_name() -> Cow<'static, str> {
        "Email".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "E-post",
            "type": "string",
            "format": "email",
            "examples": ["anna.exempelsson@exempelland.example"]
        })
    }
}

impl JsonSchema for Phone {
    fn schema_name() -> Cow<'static, str> {
        "Phone".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Telefon",
            "description": "Telephone number: digits, spaces and `-`, optionally starting with `+`.",
            "type": "string",
            "pattern": "^\\+?[0-9][0-9 -]{4,24}$",
            "examples": ["010-123 45 67", "+46 10 123 45 67"]
        })
    }
}
