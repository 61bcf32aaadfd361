//! The HTTP side of `annals serve`: the JSON API under /api (described in openapi.json) and the
//! embedded UI. Handlers run their SQLite work on tokio's blocking pool; connections come from a
//! small pool; the assembled corpus view is rebuilt only when the store's generation changes.

use crate::corrections::{self, Correction};
use crate::view::{self, Filter, View};
use crate::{ingest, store};
use anyhow::Context;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use rusqlite::{params, Connection};
use serde::Deserialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// Requests carry at most a correction: nothing legitimate comes near this.
const MAX_BODY_BYTES: usize = 64 * 1024;
const MAX_SEARCH_RESULTS: usize = 500;
const MAX_MENTIONS: usize = 2000;

pub struct AppState {
    pub db: PathBuf,
    pool: Mutex<Vec<Connection>>,
    view: RwLock<Option<Arc<View>>>,
    /// Serialises view rebuilds, so a burst of requests after a change builds it once.
    rebuild: Mutex<()>,
    /// Serialises corrections (each may re-analyse documents).
    correcting: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new(db: PathBuf) -> AppState {
        AppState {
            db,
            pool: Mutex::new(Vec::new()),
            view: RwLock::new(None),
            rebuild: Mutex::new(()),
            correcting: tokio::sync::Mutex::new(()),
        }
    }

    fn with_conn<T>(&self, f: impl FnOnce(&Connection) -> anyhow::Result<T>) -> anyhow::Result<T> {
        let conn = self.pool.lock().expect("pool lock").pop();
        let conn = match conn {
            Some(c) => c,
            None => store::open(&self.db)?,
        };
        let r = f(&conn);
        self.pool.lock().expect("pool lock").push(conn);
        r
    }

    /// The corpus view, rebuilt if the store changed since it was built.
    fn view(&self) -> anyhow::Result<Arc<View>> {
        self.with_conn(|conn| {
            let generation = store::generation(conn)?;
            if let Some(v) = self.view.read().expect("view lock").as_ref() {
                if v.generation == generation {
                    return Ok(v.clone());
                }
            }
            let _guard = self.rebuild.lock().expect("rebuild lock");
            if let Some(v) = self.view.read().expect("view lock").as_ref() {
                if v.generation == generation {
                    return Ok(v.clone());
                }
            }
            let v = Arc::new(view::build(conn)?);
            *self.view.write().expect("view lock") = Some(v.clone());
            Ok(v)
        })
    }
}

/// An API error: a status and a message, sent as `{"error": message}`.
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, message.into())
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::NOT_FOUND, message.into())
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

type ApiResult = Result<Response, ApiError>;

/// Run blocking work (SQLite, analysis) off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

fn json_bytes(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/timeline", get(timeline))
        .route("/api/places", get(places))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/search", get(search))
        .route(
            "/api/corrections",
            get(list_corrections).post(add_correction),
        )
        .route("/api/corrections/{id}", delete(delete_correction))
        .route("/api/authority", get(authority))
        .route("/api/openapi.json", get(openapi))
        .fallback(crate::assets::serve)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn(json_errors))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// The UI loads only its own files: a script that slipped into a page could not run, nor load
/// anything from elsewhere (map tiles, when switched on, are the one exception).
async fn security_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
             img-src 'self' data: https://tile.openstreetmap.org https://*.tile.openstreetmap.org; object-src 'none'; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// axum answers malformed paths, queries and oversized bodies itself, in plain text; under /api
/// every error is JSON (`{"error": …}`), as the OpenAPI description says.
async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !(api && plain && (res.status().is_client_error() || res.status().is_server_error())) {
        return res;
    }
    let status = res.status();
    let body = axum::body::to_bytes(res.into_body(), MAX_BODY_BYTES)
        .await
        .unwrap_or_default();
    ApiError(status, String::from_utf8_lossy(&body).into_owned()).into_response()
}

async fn documents(State(s): State<Arc<AppState>>) -> ApiResult {
    let v = blocking(move || {
        s.with_conn(|c| {
            let rows: Vec<Value> = c
                .prepare(
                    "SELECT d.id, d.path, d.bytes, (SELECT count(*) FROM entries e WHERE e.document = d.id)
                     FROM documents d ORDER BY d.id",
                )?
                .query_map([], |r| {
                    Ok(json!({"id": r.get::<_, i64>(0)?, "path": r.get::<_, String>(1)?,
                              "bytes": r.get::<_, i64>(2)?, "entries": r.get::<_, i64>(3)?}))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(json!({ "documents": rows }))
        })
        .map_err(ApiError::from)
    })
    .await?;
    Ok(Json(v).into_response())
}

async fn document(State(s): State<Arc<AppState>>, UrlPath(id): UrlPath<i64>) -> ApiResult {
    let v = blocking(move || {
        let found: Option<(String, String)> = s.with_conn(|c| {
            Ok(c.query_row(
                "SELECT path, text FROM documents WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok())
        })?;
        let Some((path, text)) = found else {
            return Err(ApiError::not_found(format!("no document {id}")));
        };
        let view = s.view()?;
        let keep = view.select(&Filter {
            document: Some(id),
            ..Filter::default()
        })?;
        let tl = view.timeline_json(&keep)?;
        Ok(json!({ "id": id, "path": path, "text": text, "entries": tl["entries"] }))
    })
    .await?;
    Ok(Json(v).into_response())
}

async fn timeline(State(s): State<Arc<AppState>>, Query(f): Query<Filter>) -> ApiResult {
    blocking(move || {
        let view = s.view()?;
        if f.is_empty() {
            return Ok(json_bytes(view.all_json.clone()));
        }
        let keep = view
            .select(&f)
            .map_err(|e| ApiError::bad(format!("{e:#}")))?;
        Ok(Json(view.timeline_json(&keep)?).into_response())
    })
    .await
}

async fn places(State(s): State<Arc<AppState>>, Query(f): Query<Filter>) -> ApiResult {
    blocking(move || {
        let view = s.view()?;
        let keep = view
            .select(&f)
            .map_err(|e| ApiError::bad(format!("{e:#}")))?;
        Ok(Json(view.places_json(&keep)?).into_response())
    })
    .await
}

#[derive(Deserialize)]
struct EntitiesQuery {
    #[serde(rename = "type")]
    etype: Option<String>,
}

async fn entities(State(s): State<Arc<AppState>>, Query(q): Query<EntitiesQuery>) -> ApiResult {
    if let Some(t) = q.etype.as_deref().filter(|t| !t.is_empty()) {
        if !matches!(t, "PER" | "LOC" | "ORG" | "NORP" | "FAC") {
            return Err(ApiError::bad(format!(
                "type must be PER, LOC, ORG, NORP or FAC, not {t:?}"
            )));
        }
    }
    let v = blocking(move || {
        s.with_conn(|c| {
            let mut stmt = c.prepare(
                "SELECT type, name, count(*), count(DISTINCT document), group_concat(DISTINCT text || char(31)),
                        avg(lat), avg(lon)
                 FROM mentions WHERE ?1 IS NULL OR type = ?1
                 GROUP BY type, name ORDER BY count(*) DESC, name",
            )?;
            let rows: Vec<Value> = stmt
                .query_map([q.etype.as_deref().filter(|t| !t.is_empty())], |r| {
                    let t: String = r.get(0)?;
                    let name: String = r.get(1)?;
                    let aliases: String = r.get::<_, Option<String>>(4)?.unwrap_or_default();
                    // Unit separators, not commas, between spellings: a name may hold a comma.
                    let mut aliases: Vec<&str> =
                        aliases.split('\u{1f}').map(|a| a.trim_start_matches(',')).filter(|a| !a.is_empty()).collect();
                    aliases.sort_unstable();
                    Ok(json!({"id": format!("{t}:{name}"), "name": name, "type": t,
                              "aliases": aliases, "mentions": r.get::<_, i64>(2)?,
                              "documents": r.get::<_, i64>(3)?,
                              "lat": r.get::<_, Option<f64>>(5)?, "lon": r.get::<_, Option<f64>>(6)?}))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(json!({ "entities": rows }))
        })
        .map_err(ApiError::from)
    })
    .await?;
    Ok(Json(v).into_response())
}

#[derive(Deserialize, Default)]
struct MentionPage {
    offset: Option<usize>,
    limit: Option<usize>,
}

async fn entity(
    State(s): State<Arc<AppState>>,
    UrlPath(id): UrlPath<String>,
    Query(page): Query<MentionPage>,
) -> ApiResult {
    let offset = page.offset.unwrap_or(0);
    let limit = page.limit.unwrap_or(MAX_MENTIONS).clamp(1, MAX_MENTIONS);
    let v = blocking(move || {
        let (t, name) =
            corrections::parse_entity_id(&id).map_err(|e| ApiError::bad(e.to_string()))?;
        let (t, name) = (t.to_string(), name.to_string());
        let mentions: Vec<Value> = s.with_conn(|c| {
            let mut stmt = c.prepare(
                "SELECT m.document, d.path, m.start, m.end, m.text, m.lat, m.lon,
                        (SELECT s.start || ',' || s.end FROM sentences s
                          WHERE s.document = m.document AND s.start <= m.start AND s.end >= m.end
                          LIMIT 1)
                 FROM mentions m JOIN documents d ON d.id = m.document
                 WHERE m.type = ?1 AND m.name = ?2 ORDER BY m.document, m.start LIMIT ?3 OFFSET ?4",
            )?;
            let rows = stmt
                .query_map(params![t, name, limit as i64, offset as i64], |r| {
                    let doc: i64 = r.get(0)?;
                    let sentence: Option<String> = r.get(7)?;
                    Ok((doc, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?,
                        r.get::<_, String>(4)?, r.get::<_, Option<f64>>(5)?, r.get::<_, Option<f64>>(6)?, sentence))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut out = Vec::new();
            for (doc, path, start, end, text, lat, lon, sentence) in rows {
                let (ss, se) = sentence
                    .and_then(|s| s.split_once(',').map(|(a, b)| (a.parse().unwrap_or(start), b.parse().unwrap_or(end))))
                    .unwrap_or((start, end));
                let sentence_text: String = c.query_row(
                    "SELECT substr(CAST(text AS BLOB), ?2 + 1, ?3 - ?2) FROM documents WHERE id = ?1",
                    params![doc, ss, se],
                    |r| r.get::<_, Vec<u8>>(0).map(|b| String::from_utf8_lossy(&b).into_owned()),
                )?;
                out.push(json!({"document": doc, "path": path, "start": start, "end": end, "text": text,
                                "lat": lat, "lon": lon, "sentence": sentence_text,
                                "sentence_span": {"start": ss, "end": se}}));
            }
            Ok(out)
        })?;
        // Every spelling and the count come from all the mentions, not from this page of them.
        let (total, aliases, lat, lon) = s.with_conn(|c| {
            let total: i64 = c.query_row(
                "SELECT count(*) FROM mentions WHERE type = ?1 AND name = ?2",
                params![t, name],
                |r| r.get(0),
            )?;
            let aliases: Vec<String> = c
                .prepare("SELECT DISTINCT text FROM mentions WHERE type = ?1 AND name = ?2 ORDER BY text")?
                .query_map(params![t, name], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let (lat, lon): (Option<f64>, Option<f64>) = c
                .query_row(
                    "SELECT lat, lon FROM mentions WHERE type = ?1 AND name = ?2 AND lat IS NOT NULL LIMIT 1",
                    params![t, name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap_or((None, None));
            Ok((total, aliases, lat, lon))
        })?;
        if total == 0 {
            return Err(ApiError::not_found(format!("no entity {id:?}")));
        }
        let view = s.view()?;
        let keep: Vec<usize> = view
            .timeline
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.actors.iter().chain(&e.places).any(|p| p.name == name))
            .map(|(i, _)| i)
            .collect();
        let tl = view.timeline_json(&keep)?;
        Ok(json!({"id": id, "name": name, "type": t, "aliases": aliases, "lat": lat, "lon": lon,
                  "total_mentions": total, "offset": offset, "mentions": mentions,
                  "entries": tl["entries"]}))
    })
    .await?;
    Ok(Json(v).into_response())
}

#[derive(Deserialize)]
struct SearchQuery {
    q: String,
    limit: Option<usize>,
}

/// Words of a search as an FTS5 query: each word quoted (so no user input is FTS syntax), all
/// required.
fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

async fn search(State(s): State<Arc<AppState>>, Query(q): Query<SearchQuery>) -> ApiResult {
    let v = blocking(move || {
        let Some(query) = fts_query(&q.q) else {
            return Ok(json!({ "results": [] }));
        };
        let limit = q.limit.unwrap_or(50).clamp(1, MAX_SEARCH_RESULTS);
        s.with_conn(|c| {
            let mut stmt = c.prepare(
                "SELECT s.document, d.path, s.start, s.end, highlight(sentences, 0, char(1), char(2))
                 FROM sentences s JOIN documents d ON d.id = s.document
                 WHERE sentences MATCH ?1 ORDER BY rank LIMIT ?2",
            )?;
            let rows: Vec<Value> = stmt
                .query_map(params![query, limit as i64], |r| {
                    let marked: String = r.get(4)?;
                    // The first highlighted run splits the sentence into three plain pieces;
                    // the UI shows them as text, so nothing in a document becomes markup.
                    let (before, rest) = marked.split_once('\u{1}').unwrap_or((&marked, ""));
                    let (hit, after) = rest.split_once('\u{2}').unwrap_or((rest, ""));
                    let clean = |s: &str| s.replace(['\u{1}', '\u{2}'], "");
                    Ok(json!({"document": r.get::<_, i64>(0)?, "path": r.get::<_, String>(1)?,
                              "start": r.get::<_, i64>(2)?, "end": r.get::<_, i64>(3)?,
                              "before": clean(before), "match": clean(hit), "after": clean(after)}))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(json!({ "results": rows }))
        })
        .map_err(ApiError::from)
    })
    .await?;
    Ok(Json(v).into_response())
}

async fn list_corrections(State(s): State<Arc<AppState>>) -> ApiResult {
    let v = blocking(move || {
        let list = s.with_conn(corrections::list)?;
        let items: Vec<Value> = list
            .into_iter()
            .map(|(id, c, created)| {
                let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
                v["id"] = id.into();
                v["created"] = created.into();
                v
            })
            .collect();
        Ok(json!({ "corrections": items }))
    })
    .await?;
    Ok(Json(v).into_response())
}

async fn add_correction(State(s): State<Arc<AppState>>, body: axum::body::Bytes) -> ApiResult {
    let c: Correction = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad(format!("not a correction: {e}")))?;
    let state = s.clone();
    let _one_at_a_time = state.correcting.lock().await;
    let id = blocking(move || {
        // A correction naming what the corpus lacks is a 404; any other refusal a 400.
        let refused = |e: anyhow::Error| match e.downcast::<corrections::Missing>() {
            Ok(m) => ApiError::not_found(m.0),
            Err(e) => ApiError::bad(format!("{e:#}")),
        };
        let prepared = s.with_conn(|conn| Ok(corrections::prepare(conn, c)))?;
        let c = prepared.map_err(refused)?;
        let reanalyse = matches!(c, Correction::Merge { .. } | Correction::Split { .. });
        let id = s.with_conn(|conn| corrections::add(conn, &c))?;
        if reanalyse {
            // A merge or split changes the authority: documents are analysed again with it,
            // as the next `annals ingest` would do.
            ingest::reanalyse_stale(&s.db).context("re-analysing after the correction")?;
        }
        Ok(id)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

async fn delete_correction(State(s): State<Arc<AppState>>, UrlPath(id): UrlPath<i64>) -> ApiResult {
    let state = s.clone();
    let _one_at_a_time = state.correcting.lock().await;
    blocking(move || {
        if !s.with_conn(|c| corrections::delete(c, id))? {
            return Err(ApiError::not_found(format!("no correction {id}")));
        }
        ingest::reanalyse_stale(&s.db)?;
        Ok(StatusCode::NO_CONTENT.into_response())
    })
    .await
}

async fn authority(State(s): State<Arc<AppState>>) -> ApiResult {
    let text = blocking(move || {
        let list = s.with_conn(corrections::list)?;
        Ok(corrections::authority_toml(&list)
            .unwrap_or_else(|| "# No merges or splits yet: an empty authority file.\n".to_string()))
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/toml; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"authority.toml\"",
            ),
        ],
        text,
    )
        .into_response())
}

async fn openapi() -> Response {
    json_bytes(include_bytes!("openapi.json").to_vec())
}

/// Unknown /api paths are JSON errors, not the UI's index page.
pub fn api_not_found(uri: &Uri) -> Option<Response> {
    uri.path()
        .starts_with("/api/")
        .then(|| ApiError::not_found(format!("no API endpoint {}", uri.path())).into_response())
}
