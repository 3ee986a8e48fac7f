//! `/account/profile`: create or edit your profile, choosing who can see
//! each detail.

use leptos::prelude::*;

use crate::forms::{
    with_form_state, CheckboxGroup, PostForm, SelectField, SubmitButton, TextArea, TextField,
};
use crate::network::profile_form;
use crate::network::types::{OrganisationType, ProfileFormData, Region, Visibility};
use crate::vocabulary::options;
use crate::vocabulary::{Level, Sector};
use leptos_meta::Title;

fn visibility_options() -> Vec<(String, String)> {
    Visibility::ALL
        .into_iter()
        .map(|visibility| {
            (
                visibility.slug().to_string(),
                visibility.label().to_string(),
            )
        })
        .collect()
}

/// "Who can see …?" for one detail; each label names its detail, so that
/// screen reader users can tell the choices apart.
#[component]
fn WhoCanSee(name: &'static str, label: &'static str, data: ProfileFormData) -> impl IntoView {
    view! {
        <div class="hub-visibility">
            <SelectField name=name label=label options=visibility_options() value=data.value(name) />
        </div>
    }
}

#[component]
pub fn EditProfilePage() -> impl IntoView {
    let data = Resource::new(|| (), |_| profile_form());
    view! {
        <Title text="Your profile" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-l" id="profile">"Your profile"</h1>
                <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        data.await.map(|data| view! { <ProfileFields data /> })
                    })}
                </Suspense>
            </div>
        </div>
    }
}

#[component]
fn ProfileFields(data: ProfileFormData) -> impl IntoView {
    let intro = if data.exists {
        "Change what you share. Each detail has its own choice of who can see it."
    } else {
        "Tell other investigators about your work. Nothing here is required except your name, and you choose who can see each detail."
    };
    let view_link = data.handle.clone().map(|handle| {
        view! {
            <p><a href=format!("/network/members/{handle}")>"See your profile"</a></p>
        }
    });
    view! {
        <p>{intro}</p>
        {view_link}
        {with_form_state(move || {
            let data = data.clone();
            let form = data.clone();
            let value = move |name: &str| form.value(name);
            view! {
                <PostForm action="/account/profile">
                    <h2 class="nhsuk-heading-m">"You"</h2>
                    <TextField name="display_name" label="Name" autocomplete="name" value=value("display_name") />
                    <SelectField name="visibility" label="Who can find your profile" hint="Details you share more widely are still shown only to people who can see the profile." options=visibility_options() value=value("visibility") />

                    <h2 class="nhsuk-heading-m">"Your work"</h2>
                    <TextField name="role_title" label="Role" hint="For example, Patient safety specialist" value=value("role_title") />
                    <WhoCanSee name="role_title_visibility" label="Who can see your role" data=data.clone() />
                    <SelectField name="organisation_type" label="Type of organisation" options={options::<OrganisationType>()} value=value("organisation_type") blank="Not given" />
                    <TextField name="organisation_name" label="Organisation name (optional)" hint="Leave blank to show only the type of organisation." value=value("organisation_name") />
                    <WhoCanSee name="organisation_visibility" label="Who can see your organisation" data=data.clone() />
                    <CheckboxGroup name="sector" error_name="sectors" legend="Sectors you work in" options={options::<Sector>()} checked=data.values_of("sector") />
                    <WhoCanSee name="sectors_visibility" label="Who can see your sectors" data=data.clone() />
                    <SelectField name="region" label="NHS England region" options={options::<Region>()} value=value("region") blank="Not given" />
                    <WhoCanSee name="region_visibility" label="Who can see your region" data=data.clone() />

                    <h2 class="nhsuk-heading-m">"Your experience"</h2>
                    <SelectField name="level" label="Level" hint="Foundation: awareness. Practitioner: you conduct learning responses. Expert: you lead complex investigations and teach others." options={options::<Level>()} value=value("level") blank="Not given" />
                    <WhoCanSee name="level_visibility" label="Who can see your level" data=data.clone() />
                    <TextField name="years_investigating" label="Years investigating" input_type="text" width="nhsuk-input--width-3" value=value("years_investigating") />
                    <WhoCanSee name="years_visibility" label="Who can see your years investigating" data=data.clone() />
                    <TextArea name="specialisms" label="Specialisms" hint="One per line, up to 10. For example, SEIPS, timeline mapping, family liaison." value=value("specialisms") rows=4 />
                    <WhoCanSee name="specialisms_visibility" label="Who can see your specialisms" data=data.clone() />
                    <TextArea name="bio" label="About me" hint="Up to 2,000 characters. You can use Markdown for paragraphs, lists and links." value=value("bio") rows=8 />
                    <WhoCanSee name="bio_visibility" label="Who can see what you wrote about yourself" data=data.clone() />

                    <h2 class="nhsuk-heading-m">"Mentoring and collaboration"</h2>
                    <CheckboxGroup
                        name="availability"
                        error_name="availability"
                        legend="I am open to"
                        options=vec![
                            ("open_to_mentoring".to_string(), "Mentoring another investigator".to_string()),
                            ("open_to_collaboration".to_string(), "Collaborating on learning responses or thematic work".to_string()),
                        ]
                        checked=data.values_of("availability")
                    />
                    <WhoCanSee name="availability_visibility" label="Who can see whether you are open to mentoring or collaboration" data=data.clone() />

                    <SubmitButton label="Save profile" />
                </PostForm>
            }
        })}
        <h2 class="nhsuk-heading-m">"Your data"</h2>
        <p><a href="/account/data.json" download="investigation-hub-my-data.json">"Download everything the hub holds about you (JSON)"</a></p>
    }
}
