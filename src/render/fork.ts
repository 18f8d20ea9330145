// What a fork's pull request gets instead of a review: GitHub gives a fork's workflow no secrets, so the org can't be
// planned, and the two patterns that plan it safely, with what each one risks.

/** The one line for the log. */
export const FORK_NOTICE =
  "This pull request comes from a fork, and GitHub gives a fork's workflow no secrets, so the Okta org was not planned and nothing from this run can be applied: a maintainer who has read the change can plan it with a workflow_dispatch of its head (examples/workflows/okta-fork-plan.yml)";

export function forkSummaryMarkdown(directory: string): string {
  return `### Okta plan not made: a pull request from a fork

GitHub runs a fork's \`pull_request\` workflow without the repository's secrets and with a read-only token, so there
are no Okta credentials and no state backend credentials here: \`${directory}\` was not planned, no review was posted,
and nothing can be applied from this run. Merging it does not apply it either: the merge finds no reviewed plan and
refuses.

Ways to plan it, once a maintainer has read every changed file (Terraform runs code at plan time: an \`external\`
data source, a provider from the change, a module source):

- **A maintainer runs a plan of the pull request's head** (\`workflow_dispatch\`, \`examples/workflows/okta-fork-plan.yml\`):
  the review goes to that run's job summary. Give that job a read-only Okta service app (\`okta.*.read\` scopes) in
  an environment with required reviewers. After the merge, apply with the approved-plan workflow
  (\`examples/workflows/okta-dispatch.yml\`).
- **A label-gated \`pull_request_target\`**: it runs with the secrets, so it must check out the fork's head only
  when a maintainer has added a label, remove that label on every new push (\`synchronize\`), and never run with
  apply credentials. Its risk: the fork's code runs with whatever the job holds (the state, which holds the org's
  secrets; the Okta token; the GitHub token), so one missed push hands them over. Prefer the first way.
`;
}
