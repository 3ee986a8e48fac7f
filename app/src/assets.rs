//! Server-side helpers for the document head: hashed asset names and the
//! per-request script nonce that the Content-Security-Policy allows.

use http::header::{HeaderValue, CONTENT_SECURITY_POLICY};
use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// `/pkg/hub.<hash>.css` when cargo-leptos hashed the files, else `/pkg/hub.css`.
pub fn stylesheet_href(options: &LeptosOptions) -> String {
    let mut name = options.output_name.to_string();
    if options.hash_files {
        if let Some(hash) = read_hash(options, "css") {
            name.push('.');
            name.push_str(&hash);
        }
    }
    format!("/{}/{name}.css", options.site_pkg_dir)
}

/// Where cargo-leptos writes its hash file (lines such as `css: abc123`):
/// beside the server binary, which is also where leptos reads the JS and
/// WASM lines from.
pub fn hash_file_path(hash_file: &str) -> Option<std::path::PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join(hash_file))
}

fn read_hash(options: &LeptosOptions, kind: &str) -> Option<String> {
    let text = std::fs::read_to_string(hash_file_path(&options.hash_file)?).ok()?;
    text.lines().find_map(|line| {
        let (file, hash) = line.split_once(':')?;
        (file.trim() == kind).then(|| hash.trim().to_string())
    })
}

/// The policy for HTML pages. Scripts run only from this origin or with this
/// response's nonce; WebAssembly may compile; nothing may frame the hub.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; \
         connect-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; \
         frame-ancestors 'none'"
    )
}

/// Creates this response's nonce (used by leptos for its inline scripts) and
/// sets the matching Content-Security-Policy header.
pub fn provide_nonce_and_csp() {
    provide_nonce();
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(&nonce.to_string())) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}
