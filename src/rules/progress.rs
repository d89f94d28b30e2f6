//! Consistency of progress: the checklist's steps happen in order.
//!
//! - a done step has a date, and a date belongs to a done step;
//! - approved implies submitted (förstudie, order);
//! - no step is dated before the step it depends on;
//! - the communication test needs the QA order approved;
//! - the PROD order comes after the QA communication test passed and the updated förstudie was
//!   submitted (kap. 5).

use super::FileCtx;
use crate::diag::{Code, Severity};
use crate::model::{Addressing, Env, Onboarding, Step, VerificationStatus};

/// A step with where it is.
struct At<'a> {
    pointer: String,
    step: &'a Step,
    what: &'static str,
}

impl At<'_> {
    fn date(&self) -> Option<&str> {
        let d = self.step.date.as_ref()?.as_str();
        // Only well-formed dates are compared; the schema reports the others.
        (d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-').then_some(d)
    }
}

fn at<'a>(pointer: impl Into<String>, step: &'a Step, what: &'static str) -> At<'a> {
    At {
        pointer: pointer.into(),
        step,
        what,
    }
}

pub fn check(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    let mut steps = vec![
        at(
            "/agreements/personal_data_processing",
            &o.agreements.personal_data_processing,
            "the personuppgiftsbiträdesavtal",
        ),
        at(
            "/agreements/customer_agreement",
            &o.agreements.customer_agreement,
            "the kundavtal",
        ),
    ];
    if let Some(a) = &o.agreements.agent_agreement {
        steps.push(at("/agreements/agent_agreement", a, "the agentavtal"));
    }
    for (env, e) in o.envs() {
        let p = format!("/{}", env.key());
        let fs = &e.feasibility_study;
        let fs_sub = at(
            format!("{p}/feasibility_study/submitted"),
            &fs.submitted,
            "the förstudie's submission",
        );
        let fs_app = at(
            format!("{p}/feasibility_study/approved"),
            &fs.approved,
            "the förstudie's approval",
        );
        let or_sub = at(
            format!("{p}/order/submitted"),
            &e.order.submitted,
            "the order's submission",
        );
        let or_app = at(
            format!("{p}/order/approved"),
            &e.order.approved,
            "the order's approval",
        );
        approved_needs_submitted(ctx, &fs_sub, &fs_app);
        approved_needs_submitted(ctx, &or_sub, &or_app);
        in_order(ctx, &fs_sub, &fs_app);
        in_order(ctx, &or_sub, &or_app);
        in_order(ctx, &fs_sub, &or_sub);
        steps.extend([fs_sub, fs_app, or_sub, or_app]);
    }
    for s in &steps {
        done_has_date(ctx, s);
    }
    let qa_order_approved = at(
        "/qa/order/approved",
        &o.qa.order.approved,
        "the QA order's approval",
    );
    let test_step = o.test.as_ref().map(|t| {
        at(
            "/test/communication_test",
            &t.communication_test,
            "the communication test",
        )
    });
    if let (Some(t), Some(ts)) = (&o.test, &test_step) {
        done_has_date(ctx, ts);
        if ts.step.done && !o.qa.order.approved.done {
            ctx.report(
                Code::PrerequisiteNotDone,
                "/test/communication_test/done",
                "the communication test is marked passed but the QA order is not approved",
            )
            .set_help("the test needs the vårdgivare's QA connection approved (kap. 4.2)");
        }
        in_order(ctx, &qa_order_approved, ts);
        content_verification(ctx, t, ts);
        aggregating(ctx, o, t.addressing, ts);
    }
    if let Some(prod) = &o.prod {
        let prod_fs = at(
            "/prod/feasibility_study/submitted",
            &prod.feasibility_study.submitted,
            "the updated förstudie's submission",
        );
        if prod.order.submitted.done {
            let test_passed = o.test.as_ref().is_some_and(|t| t.communication_test.done);
            let missing = match (test_passed, prod.feasibility_study.submitted.done) {
                (false, false) => Some(
                    "the QA communication test has not passed and the updated förstudie has not been submitted",
                ),
                (false, true) => Some("the QA communication test has not passed"),
                (true, false) => Some("the updated förstudie has not been submitted"),
                (true, true) => None,
            };
            if let Some(why) = missing {
                ctx.report(Code::ProdBeforeQa, "/prod/order/submitted/done", format!("the PROD order is submitted but {why}"))
                    .set_help("PROD is ordered after the QA test, with the förstudie updated with its results (kap. 5)");
            }
        }
        if let Some(ts) = &test_step {
            in_order(ctx, ts, &prod_fs);
        }
    }
}

fn done_has_date(ctx: &mut FileCtx<'_>, s: &At<'_>) {
    match (s.step.done, &s.step.date) {
        (true, None) => {
            ctx.report(
                Code::MissingDate,
                &format!("{}/done", s.pointer),
                format!("{} is marked done but has no date", s.what),
            )
            .set_help("add `date: YYYY-MM-DD`");
        }
        (false, Some(_)) => {
            ctx.report(
                Code::DateOnOpenStep,
                &format!("{}/date", s.pointer),
                format!("{} has a date but is not marked done", s.what),
            );
        }
        _ => {}
    }
}

fn approved_needs_submitted(ctx: &mut FileCtx<'_>, submitted: &At<'_>, approved: &At<'_>) {
    if approved.step.done && !submitted.step.done {
        let related = ctx.related(
            &format!("{}/done", submitted.pointer),
            "not marked done here",
        );
        ctx.report(
            Code::ApprovedWithoutSubmitted,
            &format!("{}/done", approved.pointer),
            format!(
                "{} is marked done, but not {}",
                approved.what, submitted.what
            ),
        )
        .add_related(related);
    }
}

/// `later` must not be dated before `earlier`.
fn in_order(ctx: &mut FileCtx<'_>, earlier: &At<'_>, later: &At<'_>) {
    if let (Some(a), Some(b)) = (earlier.date(), later.date())
        && b < a
    {
        let related = ctx.related(
            &format!("{}/date", earlier.pointer),
            format!("{} is dated {a}", earlier.what),
        );
        ctx.report(
            Code::DateOutOfOrder,
            &format!("{}/date", later.pointer),
            format!(
                "{} ({b}) is dated before {} ({a})",
                later.what, earlier.what
            ),
        )
        .add_related(related);
    }
}

fn content_verification(ctx: &mut FileCtx<'_>, t: &crate::model::Test, test: &At<'_>) {
    let cv = &t.content_verification;
    let p = "/test/content_verification";
    match (cv.status, &cv.date) {
        (VerificationStatus::Done, None) => {
            ctx.report(
                Code::MissingDate,
                &format!("{p}/status"),
                "the content verification is done but has no date",
            )
            .set_help("add `date: YYYY-MM-DD`");
        }
        (VerificationStatus::Done, Some(d)) => {
            if let Some(tested) = test.date()
                && d.as_str() < tested
            {
                let related = ctx.related(
                    &format!("{}/date", test.pointer),
                    format!("the communication test is dated {tested}"),
                );
                ctx.report(Code::DateOutOfOrder, &format!("{p}/date"), format!("the content verification ({d}) is dated before the communication test ({tested})"))
                        .add_related(related);
            }
        }
        (_, Some(_)) => {
            ctx.report(
                Code::DateOnOpenStep,
                &format!("{p}/date"),
                "the content verification has a date but is not done",
            );
        }
        (_, None) => {}
    }
    if cv.status != VerificationStatus::NotStarted && !t.communication_test.done {
        ctx.report(
            Code::PrerequisiteNotDone,
            &format!("{p}/status"),
            "the content verification has started but the communication test has not passed",
        )
        .set_help("content is verified once technical contact is established (kap. 4.2)");
    }
}

/// Testing via the aggregating service needs the engagement index in QA.
fn aggregating(ctx: &mut FileCtx<'_>, o: &Onboarding, addressing: Addressing, test: &At<'_>) {
    if addressing != Addressing::Aggregating {
        return;
    }
    let qa = o.env(Env::Qa).expect("QA is always present");
    if qa.engagement_index.connected || qa.order.approved.done {
        return;
    }
    let d = ctx.report(
        Code::AggregatingWithoutEngagementIndex,
        "/test/addressing",
        "testing via the aggregating service, but the engagement index is neither connected nor ordered and approved in QA",
    );
    d.set_help("order the engagement-index connection (Administrera tjänstekonsument) and get the order approved, or test with `addressing: direct` first");
    if test.step.done {
        d.set_severity(Severity::Error);
    }
}
