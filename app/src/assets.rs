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

/// The built files every page loads, relative to the site root, under the
/// names this binary will write into its pages: the hashed names from the
/// hash file beside it when cargo-leptos hashed them (as leptos does for
/// its script and WASM), else the plain names.
pub fn page_assets(options: &LeptosOptions) -> Vec<String> {
    let pkg = &options.site_pkg_dir;
    let name = &options.output_name;
    let hashed = |kind: &str| {
        options
            .hash_files
            .then(|| read_hash(options, kind))
            .flatten()
            .map(|hash| format!("{name}.{hash}"))
    };
    // Without hashes, leptos names the WASM `<name>_bg.wasm` unless the
    // build was cargo-leptos's (which sets LEPTOS_OUTPUT_NAME).
    let plain_wasm = if option_env!("LEPTOS_OUTPUT_NAME").is_some() {
        name.to_string()
    } else {
        format!("{name}_bg")
    };
    let stylesheet = stylesheet_href(options);
    vec![
        format!(
            "{pkg}/{}.js",
            hashed("js").unwrap_or_else(|| name.to_string())
        ),
        format!("{pkg}/{}.wasm", hashed("wasm").unwrap_or(plain_wasm)),
        stylesheet.trim_start_matches('/').to_string(),
    ]
}

/// The [`page_assets`] that are not under the site root: pages would load
/// without their script, WASM or styles (no hydration, no live search).
pub fn missing_page_assets(options: &LeptosOptions) -> Vec<String> {
    let root = std::path::Path::new(options.site_root.as_ref());
    page_assets(options)
        .into_iter()
        .filter(|file| !root.join(file).is_file())
        .collect()
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
/// response's nonce; WebAssembly may compile; the service worker comes
/// from the hub; nothing may frame the hub.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self' https://assets.nhs.uk; \
         connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'self'; object-src 'none'; \
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
