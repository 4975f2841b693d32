//! The provider a command runs: a registry entry by id, or `custom` with its `--scheme`.

use hooksign::provider::spec::Spec;
use hooksign::provider::{Custom, Options, find};
use hooksign::{AnyProvider, SecretSet};

use crate::args::ProviderArgs;
use crate::{UsageError, secrets};

/// The id that takes its scheme from `--scheme`.
pub const CUSTOM: &str = "custom";

/// A provider ready to run, with the scheme it runs.
pub struct Chosen {
    pub provider: AnyProvider,
    pub id: String,
    pub spec: Option<Spec>,
}

/// Builds the provider `args` name with `secrets` and `options`.
pub fn provider(
    args: &ProviderArgs,
    secrets: SecretSet,
    options: &Options,
) -> Result<Chosen, UsageError> {
    match (args.provider.as_str(), &args.scheme) {
        (CUSTOM, None) => Err(UsageError::new("--provider custom needs --scheme")),
        (CUSTOM, Some(text)) => {
            let spec =
                Spec::parse(text).map_err(|e| UsageError::new(format!("bad --scheme: {e}")))?;
            let mut custom =
                Custom::new(CUSTOM, spec.clone(), secrets).map_err(|e| secrets::unbuildable(&e))?;
            if let Some(tolerance) = options.tolerance() {
                custom = custom.with_tolerance(tolerance);
            }
            Ok(Chosen {
                provider: AnyProvider::new(custom),
                id: CUSTOM.to_owned(),
                spec: Some(spec),
            })
        }
        (id, Some(_)) => Err(UsageError::new(format!(
            "--scheme is for --provider custom; {id} has its own"
        ))),
        (id, None) => {
            let entry = find(id).map_err(|e| UsageError::new(e.to_string()))?;
            let provider = entry
                .build(secrets, options)
                .map_err(|e| secrets::unbuildable(&e))?;
            Ok(Chosen {
                provider,
                id: entry.id().to_owned(),
                spec: entry.spec().cloned(),
            })
        }
    }
}
