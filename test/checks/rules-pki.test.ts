import { SecuritySeverity } from '../../lib';
import { PKI_RULES } from '../../lib/checks/rules-pki';
import { coveredIds, describeRuleCases, RuleCase } from './fixtures';
import { caHierarchy, meshCerts, ROOT_POOL_URI, SUB_POOL_URI } from './pki-fixtures';

const CLUSTER = 'google_container_cluster.cluster';
const WCC = 'kubernetes_manifest.wcc';
const TRUST = 'kubernetes_manifest.trust';

const CASES: RuleCase[] = [
  {
    id: 'PKI-1', name: 'TrustConfig without WorkloadCertificateConfig', address: CLUSTER,
    fails: (t) => meshCerts(t, { wcc: false }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-1', name: 'mesh certificates without either object', address: CLUSTER, severity: SecuritySeverity.WARNING,
    fails: (t) => meshCerts(t, { wcc: false, trust: false }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-1', name: 'WorkloadCertificateConfig not named default', address: WCC,
    fails: (t) => meshCerts(t, { wccName: 'custom' }),
    passes: (t) => meshCerts(t, { wccName: 'default' }),
  },
  {
    id: 'PKI-2', name: 'WorkloadCertificateConfig without TrustConfig', address: CLUSTER,
    fails: (t) => meshCerts(t, { trust: false }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-3', name: 'issuing pool not in the app', address: WCC,
    fails: (t) => meshCerts(t, { endpoint: SUB_POOL_URI.replace('td-ca-pool', 'td_ca_pool') }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-3', name: 'malformed endpoint URI', address: WCC,
    fails: (t) => meshCerts(t, { endpoint: 'projects/demo-proj/caPools/td-ca-pool' }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-3', name: 'issuing from the root pool', address: WCC, severity: SecuritySeverity.WARNING,
    fails: (t) => meshCerts(t, { endpoint: ROOT_POOL_URI }),
    passes: (t) => meshCerts(t, { endpoint: SUB_POOL_URI }),
  },
  {
    id: 'PKI-4', name: 'trust store for another trust domain', address: TRUST,
    fails: (t) => meshCerts(t, { trustDomain: 'other-proj.svc.id.goog' }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-5', name: 'trust anchored at the subordinate pool', address: TRUST,
    fails: (t) => meshCerts(t, { anchor: SUB_POOL_URI }),
    passes: (t) => meshCerts(t, { anchor: ROOT_POOL_URI }),
  },
  {
    id: 'PKI-5', name: 'trust anchor not in the app', address: TRUST,
    fails: (t) => meshCerts(t, { anchor: ROOT_POOL_URI.replace('td-sec-pool', 'old-root') }),
    passes: (t) => meshCerts(t),
  },
  {
    id: 'PKI-6', name: 'RSA workload keys under EC CAs', address: WCC, severity: SecuritySeverity.WARNING,
    fails: (t) => meshCerts(t, { keyAlgorithm: { rsa: { modulusSize: 4096 } } }),
    passes: (t) => meshCerts(t, { keyAlgorithm: { ecdsa: { curve: 'P256' } } }),
  },
  {
    id: 'PKI-6', name: 'unsupported curve', address: WCC,
    fails: (t) => meshCerts(t, { keyAlgorithm: { ecdsa: { curve: 'P521' } } }),
    passes: (t) => meshCerts(t, { keyAlgorithm: { ecdsa: { curve: 'P384' } } }),
  },
  {
    id: 'PKI-7', name: 'issuing pool without config-based issuance', address: 'google_privateca_ca_pool.sub-pool',
    fails: (t) => meshCerts(t, { subPool: { issuancePolicy: { allowedIssuanceModes: { allowConfigBasedIssuance: false, allowCsrBasedIssuance: true } } } }),
    passes: (t) => meshCerts(t, { subPool: { issuancePolicy: { allowedIssuanceModes: { allowConfigBasedIssuance: true, allowCsrBasedIssuance: true } } } }),
  },
  {
    id: 'PKI-8', name: 'underscore in the pool name', address: 'google_privateca_ca_pool.root-pool',
    fails: (t) => caHierarchy(t, { rootPool: 'td_sec_pool' }),
    passes: (t) => caHierarchy(t, { rootPool: 'td-sec-pool' }),
  },
];

describeRuleCases(CASES);

it('covers every CA Service rule', () => {
  expect(coveredIds(CASES)).toEqual(PKI_RULES.map((r) => r.id).sort());
});
