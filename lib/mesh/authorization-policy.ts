import { Construct } from 'constructs';
import { TerraformProvider } from 'cdktf';
import {
  GoogleNetworkSecurityAuthorizationPolicy, GoogleNetworkSecurityAuthorizationPolicyRules,
} from '@cdktf/provider-google-beta/lib/google-network-security-authorization-policy';
import { GcpProject } from '../core/gcp-project';
import { bindToGoogleBeta } from '../core/google-beta';
import { checkName, RESOURCE_NAME } from '../core/names';
import { AuthorizationRule } from './authorization-rule';
import { checkAuthorizationRule } from './authorization-rule-check';
import { checkProps, memberOf } from '../core/props';

/** What an authorization policy does with the requests its rules match. */
export class AuthorizationAction {
  /** Matching requests are allowed; every other request is denied. */
  public static readonly ALLOW = new AuthorizationAction('ALLOW');
  /** Matching requests are denied. A DENY policy without rules denies every request. */
  public static readonly DENY = new AuthorizationAction('DENY');

  /** The Terraform value. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }
}

/** Properties of a {@link ServiceAuthorizationPolicy}. */
export interface ServiceAuthorizationPolicyProps {
  /** The project of the policy. */
  readonly project: GcpProject;
  /** The policy name, such as `authz-policy`. */
  readonly name: string;
  /** What the policy does with matching requests. */
  readonly action: AuthorizationAction;
  /**
   * A description of the policy.
   * @default - none
   */
  readonly description?: string;
  /**
   * The google-beta provider that manages the policy (a `GoogleBetaProvider` of the policy's stack).
   * @default - the only `GoogleBetaProvider` of the policy's stack, found at synth time; synth fails when the
   * stack has none or several, because without one Terraform would bind the type to hashicorp/google
   */
  readonly betaProvider?: TerraformProvider;
}

/**
 * A Cloud Service Mesh authorization policy (`google_network_security_authorization_policy`, which exists
 * only in the google-beta provider: the resource is written with `provider = google-beta`, bound to
 * `betaProvider` or the stack's only `GoogleBetaProvider`). Rules name peers by the SPIFFE
 * id of their mesh certificate, so they only hold together with a server mTLS policy. Rules that differ
 * only in their hosts are merged into one rule, which matches exactly the same requests.
 */
export class ServiceAuthorizationPolicy extends Construct {
  /** The policy name. */
  public readonly policyName: string;
  /** The action of the policy. */
  public readonly action: AuthorizationAction;
  /** The `google_network_security_authorization_policy` resource (google-beta). */
  public readonly resource: GoogleNetworkSecurityAuthorizationPolicy;
  private readonly ruleList: AuthorizationRule[] = [];

  constructor(scope: Construct, id: string, props: ServiceAuthorizationPolicyProps) {
    super(scope, id);
    checkProps(this, props, { project: 'object!', name: 'string!', action: memberOf(AuthorizationAction, 'AuthorizationAction', true), description: 'string' });
    checkName(this, 'name', props.name, RESOURCE_NAME);
    this.policyName = props.name;
    this.action = props.action;
    this.resource = new GoogleNetworkSecurityAuthorizationPolicy(this, 'Resource', {
      project: props.project.id,
      name: props.name,
      location: 'global',
      action: props.action.value,
      description: props.description,
    });
    bindToGoogleBeta(this, this.resource, props.betaProvider);
  }

  /** The rules, after merging. */
  public get rules(): AuthorizationRule[] {
    return this.ruleList.map((rule) => ({ ...rule }));
  }

  /** Adds a rule; throws for a rule the API would reject or that matches nothing. */
  public addRule(rule: AuthorizationRule): void {
    checkAuthorizationRule(this, rule);
    const key = mergeKey(rule);
    const index = this.ruleList.findIndex((existing) => mergeKey(existing) === key);
    if (index === -1) {
      this.ruleList.push({ ...rule, hosts: [...rule.hosts] });
    } else {
      const existing = this.ruleList[index];
      const hosts = [...existing.hosts, ...rule.hosts.filter((h) => !existing.hosts.includes(h))];
      this.ruleList[index] = { ...existing, hosts };
    }
    this.resource.putRules(this.ruleList.map(toTerraform));
  }
}

/** Rules with the same principals, ports, methods and header differ only in hosts and can be one rule. */
function mergeKey(rule: AuthorizationRule): string {
  return JSON.stringify([[...rule.principals].sort(), [...rule.ports].sort(), [...rule.methods].sort(), rule.headerMatch ?? null]);
}

function toTerraform(rule: AuthorizationRule): GoogleNetworkSecurityAuthorizationPolicyRules {
  return {
    sources: [{ principals: rule.principals }],
    destinations: [{
      hosts: rule.hosts,
      ports: rule.ports,
      methods: rule.methods,
      httpHeaderMatch: rule.headerMatch ? { headerName: rule.headerMatch.headerName, regexMatch: rule.headerMatch.regexMatch } : undefined,
    }],
  };
}
