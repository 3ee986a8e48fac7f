//! Headers, compression, caching and limits, as a browser would see them.

use crate::support::{spawn_app, Backend};
use reqwest::StatusCode;

async fn pages_carry_security_headers_and_a_matching_nonce(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["x-frame-options"], "DENY");
    let csp = headers["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");

    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy names a nonce")
        .to_string();
    assert!(
        nonce.len() >= 16,
        "nonce {nonce} is too short to be unguessable"
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the policy's nonce"
    );

    // Each response gets a fresh nonce.
    let second = app.get("/").await;
    assert_ne!(
        second.headers()["content-security-policy"]
            .to_str()
            .unwrap(),
        csp
    );
    app.shutdown().await;
}

async fn non_html_responses_get_a_strict_policy(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app.get("/healthz").await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    app.shutdown().await;
}

async fn wasm_is_served_brotli_compressed_with_a_long_cache_life(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app
        .client
        .get(app.url("/pkg/hub.wasm"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let compressed = response.bytes().await.unwrap();
    let original = std::fs::read(app.site_root.path().join("pkg/hub.wasm")).unwrap();
    assert!(
        compressed.len() < original.len() / 4,
        "{} bytes from {}",
        compressed.len(),
        original.len()
    );

    // A client that decodes brotli gets the original bytes back.
    let decoding = reqwest::Client::builder().brotli(true).build().unwrap();
    let decoded = decoding
        .get(app.url("/pkg/hub.wasm"))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(decoded.as_ref(), original.as_slice());
    app.shutdown().await;
}

async fn html_is_gzip_compressed_and_revalidated(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app
        .client
        .get(app.url("/about"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(response.headers()["cache-control"], "no-cache");
    app.shutdown().await;
}

async fn oversized_bodies_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let response = app
        .client
        .post(app.url("/healthz"))
        .body(vec![b'a'; 200 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    app.shutdown().await;
}

crate::both_backends!(
    pages_carry_security_headers_and_a_matching_nonce,
    non_html_responses_get_a_strict_policy,
    wasm_is_served_brotli_compressed_with_a_long_cache_life,
    html_is_gzip_compressed_and_revalidated,
    oversized_bodies_are_refused,
);
