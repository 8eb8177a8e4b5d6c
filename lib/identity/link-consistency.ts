import { TerraformResource, Token } from 'cdktf';
import { Annotations as KubernetesAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { GCP_SERVICE_ACCOUNT_ANNOTATION } from '../core/gke-facts';
import { accountKey, IdentityRegistration, namesAccount, RegisteredAccount } from './identity-registry';

/** The `iam.gke.io/gcp-service-account` annotation a KSA resource will carry, escape-hatch overrides included. */
export function writtenAnnotation(resource: TerraformResource | undefined): string | undefined {
  if (!resource) return undefined;
  const body = Object.values(Object.values((resource.toTerraform() as { resource: Record<string, Record<string, unknown>> }).resource)[0])[0] as {
    metadata?: { annotations?: Record<string, string> }; annotations?: Record<string, string>;
  };
  const annotations = resource instanceof KubernetesAnnotations ? body.annotations : body.metadata?.annotations;
  return annotations?.[GCP_SERVICE_ACCOUNT_ANNOTATION];
}

/** Errors when the KSA's annotation and its `roles/iam.workloadIdentityUser` bindings disagree. */
export function linkViolations(self: IdentityRegistration, peers: IdentityRegistration[], ksa: string): string[] {
  const bound = new Map<string, RegisteredAccount>();
  for (const peer of peers) if (peer.boundAccount) bound.set(accountKey(peer.boundAccount), peer.boundAccount);
  const accounts = [...bound.values()];
  const errors: string[] = [];
  if (accounts.length > 1) {
    errors.push(`KSA ${ksa} is linked to ${accounts.length} Google service accounts (${[...bound.keys()].join(', ')}), ` +
      `but its ${GCP_SERVICE_ACCOUNT_ANNOTATION} annotation can name only one: link each KSA to one account`);
  }
  if (!self.annotatedAccount) return errors;
  const annotation = self.annotatedAccount();
  if (annotation === undefined) {
    if (accounts.length > 0) {
      errors.push(`KSA ${ksa} has roles/iam.workloadIdentityUser on ${[...bound.keys()].join(', ')} but no ${GCP_SERVICE_ACCOUNT_ANNOTATION} ` +
        'annotation, so GKE never uses the link: annotate the KSA (link it with linkedTo) or remove the binding');
    }
    return errors;
  }
  const verdicts = accounts.map((a) => namesAccount(annotation, a));
  if (!verdicts.includes(true) && !verdicts.includes(undefined)) {
    const shown = Token.isUnresolved(annotation) ? '(a value known at apply time)' : annotation;
    errors.push(`KSA ${ksa} is annotated ${GCP_SERVICE_ACCOUNT_ANNOTATION}=${shown}, but ` +
      (accounts.length === 0 ? 'no roles/iam.workloadIdentityUser binding links it to any account'
        : `its roles/iam.workloadIdentityUser binding is on ${[...bound.keys()].join(', ')}`) +
      ': the GKE metadata server answers 403; annotation and binding must name the same account');
  }
  return errors;
}
