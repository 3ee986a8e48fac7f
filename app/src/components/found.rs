use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::NotFoundPage;

/// Renders what a by-slug server function found: the item, the 404 page
/// (with status 404) when there is none, or the error page on failure.
pub fn found_or_not_found<T, V>(
    resource: Resource<Result<Option<T>, ServerFnError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(Some(item)) => render(item).into_any(),
                        Ok(None) => view! { <NotFoundPage /> }.into_any(),
                        Err(error) => Err::<(), _>(error).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
