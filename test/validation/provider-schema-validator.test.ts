import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { ProviderSchemaValidator, SchemaFinding, SchemaFindingKind } from '../../lib';

// Fault injection edits deep paths of the JSON: `any` values keep those edits short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A small stack that is valid against the bundled schemas; each test breaks one thing in a copy. */
function validStack(): Json {
  return {
    '//': { metadata: { version: 'comment keys are ignored' } },
    terraform: {
      required_providers: {
        'google': { source: 'google', version: '6.50.0' },
        'google-beta': { source: 'hashicorp/google-beta', version: '6.50.0' },
        'kubernetes': { source: 'registry.terraform.io/hashicorp/kubernetes', version: '2.38.0' },
      },
    },
    provider: {
      'google': [{ project: 'demo-proj', region: 'us-east1', default_labels: { team: 'mesh' } }],
      'google-beta': [{ project: 'demo-proj' }, { alias: 'europe', region: 'europe-west1' }],
      'kubernetes': [{ host: 'https://${data.google_container_cluster.c.endpoint}', ignore_annotations: ['^cloud\\.google\\.com/neg-status$'] }],
    },
    data: {
      google_project: { p: { project_id: 'demo-proj' } },
    },
    resource: {
      google_service_account: { sa: { account_id: 'demo-account', project: 'demo-proj', create_ignore_already_exists: 'true' } },
      google_network_security_authorization_policy: {
        authz: {
          '//': { metadata: { path: 'stack/authz' } },
          provider: 'google-beta',
          name: 'authz',
          action: 'ALLOW',
          rules: [{ sources: [{ principals: ['spiffe://demo-proj.svc.id.goog/ns/default/sa/client'] }], destinations: [{ hosts: ['*'], methods: ['GET'], ports: ['8000', 8080] }] }],
        },
        europe: { provider: 'google-beta.europe', name: 'europe', action: 'DENY', location: 'europe-west1' },
      },
      google_container_cluster: {
        cluster: {
          name: 'mesh',
          location: 'us-east1',
          initial_node_count: '1',
          deletion_protection: true,
          workload_identity_config: { workload_pool: 'demo-proj.svc.id.goog' },
          release_channel: [{ channel: 'REGULAR' }],
          node_config: { labels: { pool: 'default' }, workload_metadata_config: { mode: 'GKE_METADATA' } },
          resource_labels: { env: 'demo' },
          lifecycle: { ignore_changes: ['node_config[0].labels', 'resource_labels["env"]', 'initial_node_count'], prevent_destroy: true },
          depends_on: ['google_service_account.sa', 'data.google_project.p'],
        },
      },
      google_privateca_ca_pool: {
        pool: {
          name: 'mesh-pool',
          location: 'us-east1',
          tier: 'DEVOPS',
          issuance_policy: { allowed_key_types: [{ elliptic_curve: { signature_algorithm: 'ECDSA_P256' } }] },
          publishing_options: { publish_ca_cert: 'false', publish_crl: '0', encoding_format: '' },
        },
      },
      kubernetes_namespace_v1: {
        ns: { metadata: [{ name: 'payments', labels: { 'istio-injection': 'enabled' } }], count: 1 },
      },
    },
    output: { pool: { value: '${google_container_cluster.cluster.workload_identity_config[0].workload_pool}', depends_on: ['google_container_cluster.cluster'] } },
  };
}

const validator = new ProviderSchemaValidator();
const violations = (json: Json, v: ProviderSchemaValidator = validator) => v.validateStack('stack', json)
  .filter((f) => f.kind === SchemaFindingKind.VIOLATION).map(ProviderSchemaValidator.formatFinding);
const resource = (json: Json, type: string, name: string) => json.resource[type][name] as Json;

describe('ProviderSchemaValidator: a valid stack', () => {
  it('has no findings at all (literal conversions as Terraform does them, nested blocks as object or list)', () => {
    expect(validator.validateStack('stack', validStack())).toEqual([]);
  });
});

describe('ProviderSchemaValidator: injected faults', () => {
  it('rejects an unknown attribute, naming the closest known one', () => {
    const json = validStack();
    resource(json, 'google_service_account', 'sa').acount_idd = 'x';
    expect(violations(json)).toEqual(['stack: google_service_account.sa: acount_idd: not in the schema; did you mean "account_id"?']);
  });
  it('rejects an unknown nested block attribute at its path', () => {
    const json = validStack();
    resource(json, 'google_network_security_authorization_policy', 'authz').rules[0].destinations[0].paths = ['/'];
    expect(violations(json)).toEqual([expect.stringMatching(/^stack: google_network_security_authorization_policy\.authz: rules\[0\]\.destinations\[0\]\.paths: not in the schema; /)]);
  });
  it('rejects a value outside the enum of the description\'s "Possible values"', () => {
    const json = validStack();
    resource(json, 'google_network_security_authorization_policy', 'authz').action = 'PERMIT';
    expect(violations(json)).toEqual([
      'stack: google_network_security_authorization_policy.authz: action: "PERMIT" is not allowed: possible values are "ALLOW", "DENY"',
    ]);
  });
  it('rejects a bad enum value in a nested block', () => {
    const json = validStack();
    resource(json, 'google_privateca_ca_pool', 'pool').issuance_policy.allowed_key_types[0].elliptic_curve.signature_algorithm = 'RSA_PSS';
    expect(violations(json)).toEqual([
      'stack: google_privateca_ca_pool.pool: issuance_policy[0].allowed_key_types[0].elliptic_curve[0].signature_algorithm: "RSA_PSS" is not allowed: possible values are "ECDSA_P256", "ECDSA_P384", "EDDSA_25519"',
    ]);
  });
  it('rejects a missing required attribute', () => {
    const json = validStack();
    delete resource(json, 'google_service_account', 'sa').account_id;
    expect(violations(json)).toEqual(['stack: google_service_account.sa: account_id: required attribute is missing (string)']);
  });
  it('rejects a missing required block (min_items)', () => {
    const json = validStack();
    delete resource(json, 'kubernetes_namespace_v1', 'ns').metadata;
    expect(violations(json)).toEqual(['stack: kubernetes_namespace_v1.ns: metadata: required block is missing: the schema requires at least 1']);
  });
  it('rejects a beta-only type bound to hashicorp/google by its prefix, and says how to bind it', () => {
    const json = validStack();
    delete resource(json, 'google_network_security_authorization_policy', 'authz').provider;
    expect(violations(json)).toEqual([
      'stack: google_network_security_authorization_policy.authz: provider: hashicorp/google 6.50.0 has no resource type google_network_security_authorization_policy '
        + '(no provider meta-argument, so the type prefix "google": required_providers.google.source = "google"): bind it with provider = "google-beta" (the provider meta-argument)',
    ]);
  });
  it('rejects an explicit provider that lacks the type, and an alias without a provider block', () => {
    const json = validStack();
    resource(json, 'google_network_security_authorization_policy', 'authz').provider = 'google';
    resource(json, 'google_network_security_authorization_policy', 'europe').provider = 'google-beta.asia';
    expect(violations(json)).toEqual([
      expect.stringContaining('authz: provider: hashicorp/google 6.50.0 has no resource type google_network_security_authorization_policy (provider = "google"'),
      expect.stringContaining('europe: provider: no provider "google-beta" block with alias "asia" in this stack'),
    ]);
  });
  it('follows required_providers: a local name mapped to another source binds there', () => {
    const json = validStack();
    json.terraform.required_providers.google.source = 'hashicorp/google-beta';
    expect(violations(json)).toEqual([]);
    expect(validator.validateStack('stack', json).filter((f) => f.kind === SchemaFindingKind.NOT_COVERED).map((f) => f.address))
      .toEqual(expect.arrayContaining(['google_service_account.sa', 'google_container_cluster.cluster', 'data.google_project.p']));
  });
  it('rejects too many blocks (max_items) in object or list form', () => {
    const json = validStack();
    const cluster = resource(json, 'google_container_cluster', 'cluster');
    cluster.workload_identity_config = [{ workload_pool: 'a.svc.id.goog' }, { workload_pool: 'b.svc.id.goog' }];
    expect(violations(json)).toEqual(['stack: google_container_cluster.cluster: workload_identity_config: 2 blocks, the schema allows at most 1']);
  });
  it('rejects ignore_changes paths that do not exist in the schema', () => {
    const json = validStack();
    resource(json, 'google_container_cluster', 'cluster').lifecycle.ignore_changes = ['node_config[0].labelz', 'node_config.labels', 'node_confg', 'resource_labels.env'];
    expect(violations(json)).toEqual([
      'stack: google_container_cluster.cluster: lifecycle.ignore_changes[0]: google_container_cluster.node_config has no attribute or block "labelz"; did you mean "labels"?',
      'stack: google_container_cluster.cluster: lifecycle.ignore_changes[1]: google_container_cluster.node_config is a list of blocks: index it, like node_config[0]',
      'stack: google_container_cluster.cluster: lifecycle.ignore_changes[2]: google_container_cluster has no attribute or block "node_confg"; did you mean "node_config"?',
    ]);
  });
  it('rejects a computed-only attribute that is set', () => {
    const json = validStack();
    resource(json, 'google_container_cluster', 'cluster').endpoint = '10.0.0.1';
    expect(violations(json)).toEqual(['stack: google_container_cluster.cluster: endpoint: computed-only: the provider sets this attribute, the configuration may not; remove it']);
  });
  it('rejects literals that Terraform cannot convert to the attribute type', () => {
    const json = validStack();
    const cluster = resource(json, 'google_container_cluster', 'cluster');
    cluster.initial_node_count = 'three';
    cluster.deletion_protection = 'yes';
    cluster.resource_labels = ['env'];
    resource(json, 'google_network_security_authorization_policy', 'authz').rules[0].destinations[0].ports = [8000, 'http'];
    expect(violations(json)).toEqual([
      'stack: google_network_security_authorization_policy.authz: rules[0].destinations[0].ports[1]: expects number, got string "http"',
      'stack: google_container_cluster.cluster: initial_node_count: expects number, got string "three"',
      'stack: google_container_cluster.cluster: deletion_protection: expects bool, got string "yes"',
      'stack: google_container_cluster.cluster: resource_labels: expects map(string), got a list',
    ]);
  });
  it('rejects depends_on targets that the stack does not define, in resources and outputs', () => {
    const json = validStack();
    resource(json, 'google_container_cluster', 'cluster').depends_on = ['google_project_service.container', 'var.x'];
    json.output.pool.depends_on = ['google_container_cluster.other'];
    expect(violations(json)).toEqual([
      'stack: google_container_cluster.cluster: depends_on[0]: "google_project_service.container": no such resource, data source or module in this stack',
      'stack: google_container_cluster.cluster: depends_on[1]: "var.x": no such resource, data source or module in this stack',
      'stack: output.pool: depends_on[0]: "google_container_cluster.other": no such resource, data source or module in this stack',
    ]);
  });
  it('checks provider blocks and data sources against the schema', () => {
    const json = validStack();
    json.provider.kubernetes[0].ignore_annotation = ['x'];
    json.data.google_project.p.project_name = 'x';
    expect(violations(json)).toEqual([
      'stack: data.google_project.p: project_name: not in the schema; did you mean "project_id"?',
      'stack: provider.kubernetes: ignore_annotation: not in the schema; did you mean "ignore_annotations"?',
    ]);
  });
  it('rejects unknown meta-arguments and lifecycle settings', () => {
    const json = validStack();
    resource(json, 'google_service_account', 'sa').lifecycle = { prevent_destroyed: true };
    resource(json, 'kubernetes_namespace_v1', 'ns').providers = 'kubernetes';
    expect(violations(json)).toEqual([
      'stack: google_service_account.sa: lifecycle.prevent_destroyed: not a lifecycle setting; did you mean "prevent_destroy"?',
      expect.stringMatching(/^stack: kubernetes_namespace_v1\.ns: providers: not in the schema; /),
    ]);
  });
});

describe('ProviderSchemaValidator: types the schemas do not cover', () => {
  const helm = (json: Json) => {
    json.resource.helm_release = { injector: { name: 'td', chart: 'injector' } };
    return json;
  };
  it('reports them as not covered, not as violations', () => {
    const findings = validator.validateStack('stack', helm(validStack()));
    expect(findings).toEqual([expect.objectContaining({ kind: SchemaFindingKind.NOT_COVERED, address: 'helm_release.injector' })]);
    expect(ProviderSchemaValidator.formatFinding(findings[0])).toMatch(/^stack: helm_release\.injector: not covered: no schema for the resource type helm_release of hashicorp\/helm/);
  });
  it('makes them violations in strict mode', () => {
    const strict = new ProviderSchemaValidator({ strict: true });
    expect(violations(helm(validStack()), strict)).toEqual([expect.stringContaining('helm_release.injector: no schema for the resource type helm_release')]);
  });
  it('checks them against a full dump passed as a schema file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
    const dump = path.join(dir, 'helm.json');
    fs.writeFileSync(dump, JSON.stringify({
      format_version: '1.0',
      provider_schemas: {
        'registry.terraform.io/hashicorp/helm': {
          resource_schemas: { helm_release: { block: { attributes: { name: { type: 'string', required: true }, chart: { type: 'string', required: true } } } } },
        },
      },
    }));
    const withHelm = new ProviderSchemaValidator({ schemaFiles: [dump] });
    const json = helm(validStack());
    expect(withHelm.validateStack('stack', json)).toEqual([]);
    delete json.resource.helm_release.injector.chart;
    json.resource.helm_release.injector.version = '1.0';
    expect(violations(json, withHelm)).toEqual([
      'stack: helm_release.injector: version: not in the schema; known: chart, name',
      'stack: helm_release.injector: chart: required attribute is missing (string)',
    ]);
  });
  it('says which file is not a schema dump', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schema-')), 'plan.json');
    fs.writeFileSync(file, '{"resource_changes": []}');
    expect(() => new ProviderSchemaValidator({ schemaFiles: [file] })).toThrow(`schema file ${file} has no "provider_schemas": give the output of \`terraform providers schema -json\``);
  });
});

/** Every leaf value under the non-meta attributes of the valid stack's resources: [type, name, path]. */
function leafPaths(): { type: string; name: string; path: (string | number)[] }[] {
  const meta = new Set(['provider', 'lifecycle', 'depends_on', 'count', '//']);
  const result: { type: string; name: string; path: (string | number)[] }[] = [];
  const walk = (value: unknown, at: (string | number)[], type: string, name: string) => {
    result.push({ type, name, path: at });
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(child, [...at, Array.isArray(value) ? Number(key) : key], type, name);
    }
  };
  for (const [type, byName] of Object.entries(validStack().resource as Json)) {
    for (const [name, body] of Object.entries(byName as Json)) {
      for (const [key, value] of Object.entries(body as Json)) if (!meta.has(key)) walk(value, [key], type, name);
    }
  }
  return result;
}

describe('ProviderSchemaValidator: properties', () => {
  const paths = leafPaths();
  const tokens = ['${google_service_account.sa.email}', '${var.count}', '${jsonencode({a = 1})}', 'prefix-${local.name}', '%{ if true }x%{ endif }', '${[for s in var.list : s]}'];

  it('finds no violation in a valid stack whatever attributes, blocks or lists are replaced by tokens', () => {
    expect(paths.length).toBeGreaterThan(30);
    fc.assert(fc.property(fc.subarray(paths, { minLength: 1 }), fc.array(fc.constantFrom(...tokens), { minLength: 1 }), (chosen, substitutes) => {
      const json = validStack();
      chosen.forEach((leaf, i) => {
        const parent = leaf.path.slice(0, -1).reduce((v: Json | undefined, key) => v?.[key], json.resource[leaf.type][leaf.name]);
        if (parent !== null && typeof parent === 'object') parent[leaf.path[leaf.path.length - 1]] = substitutes[i % substitutes.length];
      });
      expect(violations(json)).toEqual([]);
    }), { numRuns: 200 });
  });

  it('rejects every literal action outside the enum, and accepts every expression', () => {
    fc.assert(fc.property(fc.string(), (action) => {
      const json = validStack();
      resource(json, 'google_network_security_authorization_policy', 'authz').action = action;
      const found: SchemaFinding[] = validator.validateStack('stack', json);
      const allowed = ['ALLOW', 'DENY'].includes(action) || action.includes('${') || action.includes('%{');
      expect(found.map((f) => f.attribute)).toEqual(allowed ? [] : ['action']);
    }), { numRuns: 300 });
  });
});
