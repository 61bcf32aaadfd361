//! The UI's files (assets/), embedded in the binary: no front-end build step and nothing to
//! install beside the binary. Only embedded files can be served, so no request reaches the
//! file system.

use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::Embed)]
#[folder = "assets/"]
struct Assets;

pub async fn serve(uri: Uri) -> Response {
    if let Some(r) = crate::api::api_not_found(&uri) {
        return r;
    }
    let path = uri.path().trim_start_matches('/');
    let path = if path.is_empty() { "index.html" } else { path };
    match Assets::get(path) {
        Some(file) => {
            let mime = file.metadata.mimetype().to_string();
            ([(header::CONTENT_TYPE, mime)], file.data).into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
