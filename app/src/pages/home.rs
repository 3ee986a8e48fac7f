use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{CardGroup, NavCard, TabPanel, Tabs};
use crate::resources::{home_highlights, ResourceList};
use crate::vocabulary::Sector;

#[component]
pub fn HomePage() -> impl IntoView {
    let highlights = Resource::new(|| (), |_| home_highlights());
    view! {
        <Title text="" />
        <div class="nhsuk-grid-row">
            <div class="nhsuk-grid-column-two-thirds">
                <h1 class="nhsuk-heading-xl">"Get better at learning from patient safety events"</h1>
                <p class="nhsuk-lede-text">
                    "Modules, toolkits and guides for everyone who investigates patient safety in the NHS, "
                    "and a network to find and learn from other investigators. Free, and usable without an account."
                </p>
            </div>
        </div>

        <h2 class="nhsuk-heading-l">"What the hub is for"</h2>
        <CardGroup>
            <NavCard
                title="Build capability where it is needed most"
                href="/about#targeted-capability-building"
                description="Support is aimed at the sectors and teams with the least access to investigation training, starting with primary care and mental health."
            />
            <NavCard
                title="Find modules, toolkits and guides"
                href="/resources"
                description="Online learning, interactive tools such as SEIPS and timeline mapping, written guides, and signposts to other organisations' material."
            />
            <NavCard
                title="Connect with other investigators"
                href="/network"
                description="There is no professional association for investigators. Find peers by sector, region and expertise, and find a mentor."
            />
            <NavCard
                title="Join up national effort"
                href="/about#national-system-convening"
                description="National bodies publish and review material in one place, so there is less duplication and priorities line up."
            />
        </CardGroup>

        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                highlights.await.map(|highlights| view! {
                    <div class="nhsuk-grid-row">
                        <div class="nhsuk-grid-column-one-half">
                            <h2 class="nhsuk-heading-l">"Featured"</h2>
                            <ResourceList resources=highlights.featured />
                        </div>
                        <div class="nhsuk-grid-column-one-half">
                            <h2 class="nhsuk-heading-l">"New"</h2>
                            <ResourceList resources=highlights.newest />
                        </div>
                    </div>
                })
            })}
        </Suspense>

        <h2 class="nhsuk-heading-l">"Find resources for your sector"</h2>
        <p>"Primary care and mental health services have had the least access to investigation training, so the hub starts there."</p>
        <ul class="nhsuk-list hub-sectors">
            {Sector::ALL.iter().map(|sector| view! {
                <li><a href=format!("/sectors/{}", sector.slug())>{sector.label()}</a></li>
            }).collect_view()}
        </ul>

        <h2 class="nhsuk-heading-l">"Where to start"</h2>
        <Tabs
            title="Contents"
            panels=vec![
                TabPanel {
                    id: "start-foundation",
                    label: "New to investigation",
                    content: view! {
                        <h2 class="nhsuk-heading-m">"Foundation: everyone in healthcare"</h2>
                        <p>"Learn why patient safety work looks at systems rather than individuals, and how a learning response differs from a search for someone to blame."</p>
                        <ul>
                            <li>"What a work system is, and how it shapes what people do"</li>
                            <li>"The learning responses in the Patient Safety Incident Response Framework"</li>
                            <li>"How to speak up and take part in a swarm huddle"</li>
                        </ul>
                    }.into_any(),
                },
                TabPanel {
                    id: "start-practitioner",
                    label: "Running learning responses",
                    content: view! {
                        <h2 class="nhsuk-heading-m">"Practitioner: you conduct learning responses"</h2>
                        <p>"Put the tools to work: map a timeline, scan the work system with SEIPS, facilitate an After Action Review and write safety actions that last."</p>
                        <ul>
                            <li>"Keep what happened separate from why it happened"</li>
                            <li>"Record barriers and facilitators for each part of the work system"</li>
                            <li>"Prefer actions that design out a hazard over more training or a new policy"</li>
                        </ul>
                    }.into_any(),
                },
                TabPanel {
                    id: "start-expert",
                    label: "Leading and teaching",
                    content: view! {
                        <h2 class="nhsuk-heading-m">"Expert: you lead complex investigations and teach others"</h2>
                        <p>"Lead investigations that cross organisations, run thematic reviews, coach colleagues and offer to mentor investigators who are starting out."</p>
                        <ul>
                            <li>"Plan a patient safety incident investigation across several providers"</li>
                            <li>"Review the strength of a set of safety actions"</li>
                            <li>"Mentor an investigator through the network"</li>
                        </ul>
                    }.into_any(),
                },
            ]
        />
    }
}
