// @ts-check
// Objects an admin makes by hand in the Admin Console, as the onboarding tests need them: the emulator's own
// endpoints, so nothing in Terraform's state knows them.

/** @typedef {import('./emulator.mjs').OktaEmulator} OktaEmulator */

const idOf = (/** @type {{ body: unknown }} */ reply) =>
  String(/** @type {{ id: string }} */ (reply.body).id);

/**
 * The group Contractors, the group rule "Contractors by type" that fills it, and the IP zone "Home office".
 * @param {OktaEmulator} org
 * @returns {{ contractors: string, rule: string, zone: string }}
 */
export function makeContractorsByHand(org) {
  const contractors = idOf(org.adminEdit('POST', '/api/v1/groups', { profile: { name: 'Contractors' } }));
  const rule = idOf(
    org.adminEdit('POST', '/api/v1/groups/rules', {
      type: 'group_rule',
      name: 'Contractors by type',
      conditions: { expression: { type: 'urn:okta:expression:1.0', value: 'user.userType=="contractor"' } },
      actions: { assignUserToGroups: { groupIds: [contractors] } },
    }),
  );
  const zone = idOf(
    org.adminEdit('POST', '/api/v1/zones', {
      type: 'IP',
      name: 'Home office',
      gateways: [{ type: 'CIDR', value: '198.51.100.0/24' }],
    }),
  );
  return { contractors, rule, zone };
}
