// The review comment as an apply reads it back from GitHub: its parts (marker line, status line, review, footer),
// each checked to be what the action writes, so no text in them can hide the review; and the review compared with
// the plan being applied, rendered by the same code. Only the plan part is compared (review.ts): the context part
// after it is what the refresh saw (drift, the API budget), which may differ at merge without changing what is
// applied, so it is only checked to hold nothing that could hide or restyle the plan part above it.

import { createHash } from 'node:crypto';
import type { ChangeSummary, PlanSummary } from '../plan/types.js';
import type { Detail } from './detail.js';
import { parseMarker, renderMarker, type ReviewMarker } from './marker.js';
import { changeTitle } from './diff-block.js';
import { code } from './markdown.js';
import { commentMoreAt, STATUS_END, STATUS_START } from './review-comment.js';
import { objectLine, reviewPlanPart } from './review.js';

/** A review comment, cut into its parts. */
export interface ReviewText {
  readonly marker: ReviewMarker;
  /** The status line an apply put above the review, if any. */
  readonly status: string | undefined;
  /** The review as rendered (review.ts), without marker, status and footer. */
  readonly review: string;
  /** The workflow run the footer links to: the review's "more at" names it. */
  readonly runUrl: string | undefined;
}

const FOOTER =
  /\n<sub>(?:Plan fingerprint `[0-9a-f]{16}`)?(?: · )?(?:\[workflow run\]\((https?:\/\/[^\s()<>[\]]+)\))?<\/sub>\n$/;
const STATUS_LINE = /^> [^<\n]*$/;

/** The parts of a comment the action wrote, or why it is not one. */
export function readReviewComment(body: string): ReviewText | { readonly problem: string } {
  const firstBreak = body.indexOf('\n');
  const markerLine = firstBreak < 0 ? body : body.slice(0, firstBreak);
  const marker = parseMarker(markerLine);
  if (!marker || renderMarker(marker) !== markerLine)
    return { problem: 'its first line is not a marker the action writes' };
  let rest = body.slice(firstBreak + 1);
  let status: string | undefined;
  if (rest.startsWith(`${STATUS_START}\n`)) {
    const [, line = '', end] = rest.split('\n', 3);
    if (end !== STATUS_END || !STATUS_LINE.test(line))
      return { problem: 'its status line is not one the action writes' };
    status = line;
    rest = rest.slice(STATUS_START.length + line.length + STATUS_END.length + 3);
  }
  const footer = FOOTER.exec(rest);
  const review = footer ? rest.slice(0, footer.index) : rest;
  return { marker, status, review, runUrl: footer?.[1] };
}

/** The digest of a review's text, as a plan run records it and an apply compares it. */
export function reviewDigest(review: string): string {
  return createHash('sha256').update(review, 'utf8').digest('hex');
}

const CONTEXT_HEADING = /^#### (Changed outside Terraform \([\d,]+\)|Okta API budget|Merging)$/;
const CONTEXT_DETAILS =
  /^<details><summary>Attribute changes outside Terraform \([\d,]+ objects?\)<\/summary>$/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]*\]:/;

/**
 * Whether the text after the plan part holds only what the context part may: its own headings, its one details
 * block and fenced diff, and text without HTML or link definitions (escapeText writes "<" as "&lt;"). Anything else
 * could hide the plan part's meaning or pass for it.
 */
export function isInertContext(text: string): boolean {
  if (text === '') return true;
  if (!text.startsWith('\n') || !text.endsWith('\n')) return false;
  let fence: string | undefined;
  for (const line of text.slice(1, -1).split('\n')) {
    if (fence !== undefined) {
      if (line === fence) fence = undefined;
      continue;
    }
    const opens = /^(`{3,})diff$/.exec(line);
    if (opens) fence = opens[1];
    else if (line.startsWith('#') && !CONTEXT_HEADING.test(line)) return false;
    else if (line.includes('<') && !CONTEXT_DETAILS.test(line) && line !== '</details>') return false;
    else if (LINK_DEFINITION.test(line)) return false;
  }
  return fence === undefined;
}

/** The review as the plan being applied would read, rendered with the comment's own Terraform version and run link. */
function planPartAt(text: ReviewText, summary: PlanSummary, detail: Detail): string {
  const version = /^directory `[^\n]*` · workspace `[^\n]*` · Terraform ([0-9A-Za-z.+-]{1,40})$/m.exec(
    text.review,
  );
  const shown = { ...summary, plan: { ...summary.plan, terraformVersion: version?.[1] ?? null } };
  const { directory, workspace } = text.marker;
  return reviewPlanPart(
    shown,
    { directory, workspace, moreAt: commentMoreAt(text.runUrl), budget: 0 },
    detail,
  );
}

/** What a review's text says of a plan. */
export type TextVerdict =
  /** Every change, exactly as the action renders it, and nothing else: the text alone approves the plan. */
  | { readonly kind: 'shows-all' }
  /** The text is this plan's, but does not show every value as it is: it approves only with the plan run's record. */
  | { readonly kind: 'shows-part'; readonly why: string }
  /** The plan part is this plan's, but what follows it is not what the action writes: it could hide or restyle it. */
  | { readonly kind: 'not-ours'; readonly why: string }
  | { readonly kind: 'differs'; readonly difference: TextDifference };

/** Which changes of the plan the review's text does not show as the plan would. */
export interface TextDifference {
  readonly added: string[];
  readonly changed: string[];
  /** Objects the review lists that the plan does not change. */
  readonly dropped: number;
  /** The first line where they part, when no object tells them apart (a count, a finding, a name). */
  readonly firstLine?: { readonly review: string; readonly plan: string };
}

/** Why a plan's own review can't show every value as it is, or undefined when it can. */
function partialWhy(summary: PlanSummary): string | undefined {
  const cut = summary.changes.filter((c) => !c.shownInFull).map((c) => code(c.address));
  const outputs = summary.outputs.filter((o) => !o.shownInFull).map((o) => code(`output.${o.name}`));
  const hidden = [...cut, ...outputs];
  if (hidden.length > 0)
    return `values of ${hidden.slice(0, 5).join(', ')}${hidden.length > 5 ? ' and more' : ''} are cut, masked or left out (an import's target ID is not shown)`;
  if (summary.actionInvocations > 0) return 'its action invocations are counted, not shown';
  if (summary.deferredChanges > 0) return 'its deferred changes are counted, not shown';
  return undefined;
}

/** Compares a review comment's text with the plan being applied. */
export function compareReviewText(text: ReviewText, summary: PlanSummary): TextVerdict {
  const full = planPartAt(text, summary, 'full');
  for (const detail of ['full', 'names', 'counts'] as const) {
    const part = detail === 'full' ? full : planPartAt(text, summary, detail);
    if (!text.review.startsWith(part)) continue;
    if (!isInertContext(text.review.slice(part.length))) {
      const why =
        'its plan part is followed by text the action does not write (HTML, a link definition or a heading of its own)';
      return { kind: 'not-ours', why };
    }
    if (detail !== 'full')
      return {
        kind: 'shows-part',
        why: `it lists the changes at the "${detail}" detail to fit GitHub's size limit`,
      };
    const why = partialWhy(summary);
    return why ? { kind: 'shows-part', why } : { kind: 'shows-all' };
  }
  return { kind: 'differs', difference: textDifference(text.review, full, summary) };
}

const LISTED = /^- (?:Added|Changed|Replaced|Removed|Forgotten|Imported|Moved|Unchanged) · .* · `/;

/** The address code span of a listed object line: after its last " · ", up to the fence that closes it. */
function listedAddress(line: string): string {
  const rest = line.slice(line.lastIndexOf(' · ') + 3);
  const fence = /^`+/.exec(rest)?.[0] ?? '`';
  const end = rest.indexOf(fence, fence.length);
  return end < 0 ? rest : rest.slice(0, end + fence.length);
}

/** What the review lists and shows otherwise than this plan's own plan part (`full`) does. */
function textDifference(review: string, full: string, summary: PlanSummary): TextDifference {
  const reviewLines = review.split('\n');
  const listed = new Set(reviewLines.filter((l) => LISTED.test(l)));
  const listedAddresses = new Set([...listed].map(listedAddress));
  const plannedAddresses = new Set(summary.changes.map((c) => code(c.address)));
  const [reviewEntries, planEntries] = [diffEntries(review), diffEntries(full)];
  // A review at the "names" or "counts" detail has no attribute diff to compare.
  const hasDiff = review.includes('<details><summary>Attribute changes (');
  const added: string[] = [];
  const changed: string[] = [];
  for (const change of summary.changes) {
    if (!listed.has(`- ${objectLine(change)}`))
      (listedAddresses.has(code(change.address)) ? changed : added).push(change.address);
    else if (hasDiff && !diffShown(reviewEntries, planEntries, change)) changed.push(change.address);
  }
  const dropped = [...listedAddresses].filter((address) => !plannedAddresses.has(address)).length;
  if (added.length || changed.length || dropped) return { added, changed, dropped };
  const planLines = full.split('\n');
  const at = reviewLines.findIndex((line, i) => line !== planLines[i]);
  return { added, changed, dropped, firstLine: { review: reviewLines[at] ?? '', plan: planLines[at] ?? '' } };
}

/** The attribute diff's entries in a text: each "# title" line with the lines under it. */
function diffEntries(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  let current: string[] | undefined;
  const close = (): void => {
    if (current?.[0] !== undefined) entries.set(current[0], current.join('\n'));
    current = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) {
      close();
      current = [line];
    } else if (line === '' || /^`{3,}$/.test(line)) close();
    else current?.push(line);
  }
  close();
  return entries;
}

/** Whether the change's entry of the attribute diff reads in the review as in the plan's own. */
function diffShown(
  reviewEntries: Map<string, string>,
  planEntries: Map<string, string>,
  change: ChangeSummary,
): boolean {
  const title = `# ${changeTitle(change)}`;
  return reviewEntries.get(title) === planEntries.get(title);
}
