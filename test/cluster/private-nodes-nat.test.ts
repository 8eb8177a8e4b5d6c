import { GcpProject, PrivateNodesNat } from '../../lib';
import { newStack, onlyResource, synth } from '../helpers';

const project = new GcpProject({ id: 'demo-proj', number: '123456789012' });

describe('PrivateNodesNat', () => {
  it('writes a Cloud Router and an auto-allocated NAT for every subnetwork range, logging errors', () => {
    const { stack } = newStack();
    new PrivateNodesNat(stack, 'nat', { project, network: 'default', region: 'us-east1' });
    const json = synth(stack);
    expect(onlyResource(json, 'google_compute_router')).toEqual({
      project: 'demo-proj', name: 'private-nodes', network: 'default', region: 'us-east1',
    });
    expect(onlyResource(json, 'google_compute_router_nat')).toEqual({
      project: 'demo-proj', name: 'private-nodes-nat', region: 'us-east1',
      router: expect.stringMatching(/^\$\{google_compute_router\.nat_Router_[0-9A-F]{8}\.name\}$/),
      nat_ip_allocate_option: 'AUTO_ONLY',
      source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      log_config: { enable: true, filter: 'ERRORS_ONLY' },
    });
  });
  it.each([
    [{ region: 'us-east1-b' }, /stack\/nat: invalid region "us-east1-b": must be a region/],
    [{ name: 'Private_Nodes' }, /stack\/nat: invalid name "Private_Nodes": must be 1-63 characters/],
  ])('refuses %o', (props, message) => {
    const { stack } = newStack();
    expect(() => new PrivateNodesNat(stack, 'nat', { project, network: 'default', region: 'us-east1', ...props })).toThrow(message);
  });
});
