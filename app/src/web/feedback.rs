//! What a failed form post sends back to its page: each field's message and
//! what was typed. Shared by the server's form handling (`web::form`) and
//! the form fields that show it (`forms`), on both sides.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// What a parser found wrong with a form: each field's name and message.
pub type FieldErrors = Vec<(&'static str, String)>;

/// What a failed post sends back to its page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFeedback {
    pub errors: Vec<FieldError>,
    /// What was typed, never passwords or codes.
    pub values: Vec<(String, String)>,
}

impl FormFeedback {
    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn error_for(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.clone())
    }

    /// Every value kept for a field (ticked checkboxes), if any was.
    pub fn values_for(&self, field: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .collect()
    }

    pub fn value_for(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
    }
}
