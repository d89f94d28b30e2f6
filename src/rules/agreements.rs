//! Agreements (kap. 2): the agentavtal is required when a supplier acts as agent.

use super::FileCtx;
use crate::diag::Code;
use crate::model::Onboarding;

pub fn check(o: &Onboarding, ctx: &mut FileCtx<'_>) {
    if let Some(supplier) = &o.supplier
        && o.agreements.agent_agreement.is_none()
    {
        ctx.report_key(
            Code::AgentAgreementMissing,
            "/supplier",
            format!(
                "supplier `{}` is named but `agreements.agent_agreement` is missing",
                supplier.name
            ),
        )
        .set_help("a supplier acting for several vårdgivare needs an agentavtal with Inera (2.3)");
    }
}
