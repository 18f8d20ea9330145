import { describe, expect, it } from '@jest/globals';
import { objectKey } from '../../src/plan/fingerprint.js';
import {
  markerObjects,
  parseMarker,
  renderMarker,
  sameTarget,
  type ReviewMarker,
} from '../../src/render/marker.js';

describe('review comment marker', () => {
  it('round-trips, and never contains "--" inside the HTML comment', () => {
    const marker = { directory: 'orgs/a--b-->c', workspace: 'prod', label: 'x', fingerprint: 'f'.repeat(64) };
    const text = renderMarker(marker);
    expect(text.startsWith('<!-- okta-terraform-action ')).toBe(true);
    expect(text.slice(4, -3)).not.toContain('--');
    expect(parseMarker(`review\n${text}\nmore`)).toEqual({ ...marker, version: 2 });
  });

  it('reads a marker without fingerprint (a failed plan) and rejects what is not one', () => {
    const failed = { directory: '.', workspace: 'default', label: '' };
    expect(parseMarker(renderMarker(failed))).toEqual({ ...failed, version: 2 });
    expect(parseMarker('<!-- okta-terraform-action {"v":2,"dir":"."} -->')).toBeUndefined();
    expect(parseMarker('<!-- okta-terraform-action not json -->')).toBeUndefined();
    expect(parseMarker('<!-- okta-terraform-action {"v":1,"dir":"."')).toBeUndefined();
    expect(parseMarker('no marker')).toBeUndefined();
  });

  it('keeps when it was planned, and lists objects by a hash of their address, never the address', () => {
    const digests = new Map([['okta_group.team["k3y-SECRET"]', 'a'.repeat(64)]]);
    const objects = markerObjects(digests) ?? {};
    const marker = {
      directory: '.',
      workspace: 'default',
      label: '',
      plannedAt: '2026-12-01T12:00:00Z',
      objects,
    };
    const text = renderMarker(marker);
    expect(text).not.toContain('k3y-SECRET');
    expect(Object.keys(objects)).toEqual([objectKey('okta_group.team["k3y-SECRET"]')]);
    expect(parseMarker(text)).toEqual({ ...marker, version: 2 });
    expect(parseMarker(text.replace('"v":2', '"v":1'))?.version).toBe(1);
  });

  it('targets are directory, workspace and label', () => {
    const a = { directory: 'orgs/a', workspace: 'default', label: '' };
    const reviewed: ReviewMarker = { ...a, fingerprint: 'x' };
    expect(sameTarget(a, reviewed)).toBe(true);
    expect(sameTarget(a, { ...a, label: 'preview' })).toBe(false);
    expect(sameTarget(a, { ...a, workspace: 'staging' })).toBe(false);
    expect(sameTarget(a, { ...a, directory: 'orgs/b' })).toBe(false);
  });
});
