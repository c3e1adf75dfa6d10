#!/usr/bin/env node
// GitLab glue for waform's pipeline (.gitlab-ci.yml): the merge-request note, the reviewed plan
// of a merged merge request, and the drift issue. Node 20, no dependencies. Copy it to
// ci/waform-gitlab.mjs in your repository.
//
//   node ci/waform-gitlab.mjs mr-note PLAN_MD EXITCODE      create or update THE waform note of the MR
//   node ci/waform-gitlab.mjs fetch-plan OUT                plan.json of the merged MR's last plan job
//   node ci/waform-gitlab.mjs drift-issue DRIFT_MD EXITCODE open, update or close THE drift issue
//
// Reads GitLab's predefined CI variables and WAFORM_GITLAB_TOKEN (a project access token with the
// `api` scope). The token is only ever sent to CI_API_V4_URL and never printed.

import { existsSync, readFileSync, writeFileSync } from "node:fs";

const MARKER = "<!-- waform:plan -->";
const DRIFT_LABEL = process.env.WAFORM_DRIFT_LABEL || "waform-drift";
const PLAN_JOB = process.env.WAFORM_PLAN_JOB || "plan";

function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function api(method, path, body) {
  const res = await fetch(
    `${env("CI_API_V4_URL")}/projects/${encodeURIComponent(env("CI_PROJECT_ID"))}${path}`,
    {
      method,
      headers: {
        "PRIVATE-TOKEN": env("WAFORM_GITLAB_TOKEN"),
        ...(body ? { "Content-Type": "application/json" } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    },
  );
  if (!res.ok) throw new Error(`GitLab ${method} ${path.split("?")[0]}: HTTP ${res.status}`);
  return res;
}

/** The id of WAFORM_GITLAB_TOKEN's user (a project access token has a user of its own). */
async function tokenUserId() {
  const res = await fetch(`${env("CI_API_V4_URL")}/user`, {
    headers: { "PRIVATE-TOKEN": env("WAFORM_GITLAB_TOKEN") },
  });
  if (!res.ok) throw new Error(`GitLab GET /user: HTTP ${res.status}`);
  return (await res.json()).id;
}

/** Every item of a paginated list (GitLab's x-next-page header). */
async function all(path) {
  const items = [];
  let page = "1";
  while (page) {
    const res = await api("GET", `${path}${path.includes("?") ? "&" : "?"}per_page=100&page=${page}`);
    items.push(...(await res.json()));
    page = res.headers.get("x-next-page") ?? "";
  }
  return items;
}

async function mrNote(file, code) {
  if (!process.env.WAFORM_GITLAB_TOKEN) {
    console.warn("WAFORM_GITLAB_TOKEN is not set: no merge-request note (the plan is in the job log)");
    return;
  }
  const mr = env("CI_MERGE_REQUEST_IID");
  const sha = (process.env.CI_COMMIT_SHORT_SHA ?? "").trim();
  const job = process.env.CI_JOB_URL ?? "";
  let body;
  // waform prints the plan only when it made one: on exit 1 too when a change is blocked until
  // templates.yaml changes (shown, never applied); nothing on an error
  const text = existsSync(file) ? readFileSync(file, "utf8").trimEnd() : "";
  if (["0", "1", "2"].includes(code) && text !== "") {
    const unappliable =
      code === "1"
        ? "\n\n:x: **This plan can never be applied as declared:** a blocked change needs a change of templates.yaml (see its reason above)."
        : "";
    body = `${text}${unappliable}\n\n<sub>Plan of ${sha}: [job log and JSON plan](${job}). It is applied as is when this merge request is merged.</sub>\n`;
  } else {
    body = `${MARKER}\n### waform plan\n\n:x: **waform could not make a plan of ${sha}.** The [job log](${job}) has the errors.\n`;
  }
  const notes = await all(`/merge_requests/${mr}/notes?sort=asc`);
  // only a note this token wrote: anyone can post one that starts with the marker, and a plan
  // written into theirs could be edited back by its author after the pipeline ran
  const self = await tokenUserId();
  const previous = notes.find(
    (n) => n.author?.id === self && typeof n.body === "string" && n.body.startsWith(MARKER),
  );
  if (previous) {
    await api("PUT", `/merge_requests/${mr}/notes/${previous.id}`, { body });
    console.log(`updated the plan note of !${mr}`);
  } else {
    await api("POST", `/merge_requests/${mr}/notes`, { body });
    console.log(`added the plan note to !${mr}`);
  }
}

async function fetchPlan(out) {
  const sha = env("CI_COMMIT_SHA");
  const mrs = await (await api("GET", `/repository/commits/${sha}/merge_requests`)).json();
  const mr = mrs.find((m) => m.state === "merged");
  if (!mr) {
    throw new Error(
      `${sha.slice(0, 8)} is not the merge of a merge request, so there is no reviewed plan; run a pipeline with WAFORM_REPLAN=1 to plan and apply`,
    );
  }
  // the newest pipeline of the merge request is the plan that was last shown in its note
  const [latest] = await (await api("GET", `/merge_requests/${mr.iid}/pipelines?per_page=1`)).json();
  if (latest?.status !== "success") {
    throw new Error(
      `the last pipeline of !${mr.iid} did not succeed (${latest?.status ?? "none"}): nothing reviewed to apply`,
    );
  }
  const jobs = await all(`/pipelines/${latest.id}/jobs?scope[]=success`);
  const job = jobs.find((j) => j.name === PLAN_JOB);
  if (!job) throw new Error(`pipeline ${latest.id} of !${mr.iid} has no successful '${PLAN_JOB}' job`);
  const res = await api("GET", `/jobs/${job.id}/artifacts/plan.json`);
  writeFileSync(out, Buffer.from(await res.arrayBuffer()));
  console.log(`reviewed plan of !${mr.iid} (job ${job.id}) saved as ${out}`);
}

async function driftIssue(file, code) {
  const job = process.env.CI_JOB_URL ?? "";
  const open = await all(`/issues?state=opened&labels=${encodeURIComponent(DRIFT_LABEL)}`);
  const issue = open[0];
  if (code === "2") {
    const description = `${readFileSync(file, "utf8").trimEnd()}\n\nFound by the [drift check](${job}). \`waform plan\` shows what apply would do about it: change templates.yaml to keep a change made outside waform, or apply to undo it. This issue is closed by the first check that finds no drift.\n`;
    if (issue) {
      await api("PUT", `/issues/${issue.iid}`, { description });
      console.log(`drift: updated #${issue.iid}`);
    } else {
      const created = await (
        await api("POST", "/issues", {
          title: "waform: templates drifted from templates.yaml",
          description,
          labels: DRIFT_LABEL,
        })
      ).json();
      console.log(`drift: opened #${created.iid}`);
    }
  } else if (issue) {
    await api("POST", `/issues/${issue.iid}/notes`, {
      body: `No drift any more: the [drift check](${job}) found the remote matching the declaration.`,
    });
    await api("PUT", `/issues/${issue.iid}`, { state_event: "close" });
    console.log(`drift: closed #${issue.iid}`);
  }
}

const [command, ...args] = process.argv.slice(2);
const commands = {
  "mr-note": () => mrNote(args[0], args[1]),
  "fetch-plan": () => fetchPlan(args[0] ?? "plan.json"),
  "drift-issue": () => driftIssue(args[0], args[1]),
};
if (!commands[command]) {
  console.error(`usage: waform-gitlab.mjs ${Object.keys(commands).join(" | ")} …`);
  process.exit(64);
}
try {
  await commands[command]();
} catch (err) {
  console.error(`waform-gitlab: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
