import { describe, expect, it } from '@jest/globals';
import { parseMarker, renderMarker, sameTarget, type ReviewMarker } from '../../src/render/marker.js';

describe('review comment marker', () => {
  it('round-trips, and never contains "--" inside the HTML comment', () => {
    const marker = { directory: 'orgs/a--b-->c', workspace: 'prod', label: 'x', fingerprint: 'f'.repeat(64) };
    const text = renderMarker(marker);
    expect(text.startsWith('<!-- okta-terraform-action ')).toBe(true);
    expect(text.slice(4, -3)).not.toContain('--');
    expect(parseMarker(`review\n${text}\nmore`)).toEqual({ ...marker, version: 3 });
  });

  it('reads a marker without fingerprint (a failed plan) and rejects what is not one', () => {
    const failed = { directory: '.', workspace: 'default', label: '' };
    expect(parseMarker(renderMarker(failed))).toEqual({ ...failed, version: 3 });
    expect(parseMarker('<!-- okta-terraform-action {"v":2,"dir":"."} -->')).toBeUndefined();
    expect(parseMarker('<!-- okta-terraform-action not json -->')).toBeUndefined();
    expect(parseMarker('<!-- okta-terraform-action {"v":1,"dir":"."')).toBeUndefined();
    expect(parseMarker('no marker')).toBeUndefined();
  });

  it('keeps when it was planned and the run that planned it, and nothing from the plan', () => {
    const marker = {
      directory: '.',
      workspace: 'default',
      label: '',
      plannedAt: '2026-12-01T12:00:00Z',
      planRun: '4242',
    };
    const text = renderMarker(marker);
    expect(parseMarker(text)).toEqual({ ...marker, version: 3 });
    expect(parseMarker(text.replace('"v":3', '"v":2'))?.version).toBe(2);
    // A run that is not a number is no run: it is what the apply looks up.
    expect(parseMarker(text.replace('"run":"4242"', '"run":"../1"'))?.planRun).toBeUndefined();
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
