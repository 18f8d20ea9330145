// Puts a verified terraform (or tofu) binary on this runner: from the tool cache when this version was installed
// before, else downloaded from the releases site, checked against the signed SHA256SUMS, and cached. With
// setup: false, the binary already on PATH.

import * as exec from '@actions/exec';
import * as io from '@actions/io';
import * as toolCache from '@actions/tool-cache';
import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ActionError, errorMessage } from '../errors.js';
import type { Log } from '../runtime.js';
import {
  currentPlatform,
  readReleaseIndex,
  TOOL_NAMES,
  type Platform,
  type ReleaseIndex,
} from './releases.js';
import type { Distribution, VersionRequest } from './version-request.js';
import { newestSatisfying } from './versions.js';
import { parseSums, verifyChecksum, verifySumsSignature, type TrustedKey } from './verify.js';
import { HASHICORP_PUBLIC_KEY, OPENTOFU_PUBLIC_KEY } from './vendor-keys.js';

export interface InstallOptions {
  readonly setup: boolean;
  readonly distribution: Distribution;
  readonly request: VersionRequest;
  readonly releasesUrl?: string;
  /** A mirror's own signing key (ASCII-armored); replaces the vendor's key. */
  readonly releasesPublicKey?: string;
  /** TERRAFORM_CLI_PATH, set by hashicorp/setup-terraform: where its wrapper's real binary is. */
  readonly cliPath?: string;
}

export interface InstalledTerraform {
  readonly binary: string;
  readonly version: string;
  readonly distribution: Distribution;
  readonly from: 'tool cache' | 'download' | 'PATH';
}

function trustedKey(options: InstallOptions): TrustedKey {
  if (options.releasesPublicKey)
    return { owner: 'the key given as releases-public-key', armored: options.releasesPublicKey };
  return options.distribution === 'terraform'
    ? { owner: "HashiCorp's release key", armored: HASHICORP_PUBLIC_KEY }
    : { owner: "OpenTofu's release key", armored: OPENTOFU_PUBLIC_KEY };
}

function binaryName(distribution: Distribution, platform: Platform): string {
  const { binary } = TOOL_NAMES[distribution];
  return platform.os === 'windows' ? `${binary}.exe` : binary;
}

async function download(url: string, what: string): Promise<string> {
  try {
    return await toolCache.downloadTool(url);
  } catch (e) {
    throw new ActionError(
      'init-failed',
      `could not download ${what} from ${url} (${errorMessage(e)}): check releases-url`,
    );
  }
}

function chooseVersion(available: readonly string[], options: InstallOptions): string {
  const { request } = options;
  const candidates = request.pattern ? available.filter((v) => request.pattern?.test(v)) : available;
  const version = newestSatisfying(candidates, request.constraints);
  if (!version) {
    const { product } = TOOL_NAMES[options.distribution];
    throw new ActionError(
      'init-failed',
      `no ${product} release matches ${request.source}: pick a version that exists (terraform-version), or fix the constraint`,
    );
  }
  return version;
}

async function downloadVerified(
  index: ReleaseIndex,
  version: string,
  platform: Platform,
  options: InstallOptions,
): Promise<string> {
  const files = index.files(version, platform);
  const sumsPath = await download(files.sumsUrl, files.sumsName);
  const signaturePath = await download(files.signatureUrl, `the signature of ${files.sumsName}`);
  const sums = await readFile(sumsPath);
  // The signature is checked before the (large) zip is fetched: a bad mirror costs one small request.
  await verifySumsSignature(sums, await readFile(signaturePath), trustedKey(options), files.sumsName);
  const zipPath = await download(files.zipUrl, files.zipName);
  await verifyChecksum(zipPath, files.zipName, parseSums(sums.toString('utf8')), files.zipUrl);
  const extracted = await toolCache.extractZip(zipPath);
  return toolCache.cacheDir(extracted, TOOL_NAMES[options.distribution].binary, version, platform.arch);
}

/** The version the binary reports (`version -json`, which terraform ≥ 0.13 and tofu print). */
async function reportedVersion(binary: string): Promise<string> {
  const { exitCode, stdout } = await exec.getExecOutput(binary, ['version', '-json'], {
    silent: true,
    ignoreReturnCode: true,
  });
  if (exitCode === 0) {
    try {
      const version = (JSON.parse(stdout) as { terraform_version?: unknown }).terraform_version;
      if (typeof version === 'string') return version;
    } catch {
      // Older than 0.13: fall through to the text form.
    }
  }
  const text = await exec.getExecOutput(binary, ['version'], { silent: true, ignoreReturnCode: true });
  return /v(\d+\.\d+\.\d+\S*)/.exec(text.stdout)?.[1] ?? 'unknown';
}

/**
 * hashicorp/setup-terraform's wrapper (on by default; setup-opentofu's too) puts a script on PATH as `terraform`
 * that runs the real binary, renamed `terraform-bin` beside it, and makes every call's whole stdout and stderr a
 * step output: `show -json` would land there with sensitive values in the clear. The real binary is run instead.
 */
async function unwrapped(
  path: string,
  binary: string,
  cliPath: string | undefined,
  log: Log,
): Promise<string> {
  const name = `${binary}-bin${process.platform === 'win32' ? '.exe' : ''}`;
  // Beside the script on PATH, or where setup-terraform says it installed (TERRAFORM_CLI_PATH).
  for (const dir of [dirname(path), ...(cliPath ? [cliPath] : [])]) {
    const real = join(dir, name);
    try {
      await access(real, constants.X_OK);
    } catch {
      continue;
    }
    log.info(
      `${path} is setup-terraform's wrapper, which copies each call's output into step outputs: running ${real} instead.`,
    );
    return real;
  }
  return path;
}

async function onPath(
  distribution: Distribution,
  cliPath: string | undefined,
  log: Log,
): Promise<InstalledTerraform> {
  const { binary, product } = TOOL_NAMES[distribution];
  const found = await io.which(binary, false);
  if (!found) {
    throw new ActionError(
      'init-failed',
      `setup is false but there is no ${binary} on PATH: install ${product} in an earlier step, or remove setup: false`,
    );
  }
  const path = await unwrapped(found, binary, cliPath, log);
  return { binary: path, version: await reportedVersion(path), distribution, from: 'PATH' };
}

export async function installTerraform(options: InstallOptions, log: Log): Promise<InstalledTerraform> {
  if (!options.setup) return onPath(options.distribution, options.cliPath, log);
  const platform = currentPlatform();
  const tool = TOOL_NAMES[options.distribution].binary;
  const exe = binaryName(options.distribution, platform);
  // An exact version already in the tool cache needs no network at all.
  let index: ReleaseIndex | undefined;
  let version = options.request.exact;
  if (!version) {
    index = await readReleaseIndex(options.distribution, options.releasesUrl);
    version = chooseVersion(index.versions, options);
  }
  let dir = toolCache.find(tool, version, platform.arch);
  let from: InstalledTerraform['from'] = 'tool cache';
  if (!dir) {
    from = 'download';
    index ??= await readReleaseIndex(options.distribution, options.releasesUrl);
    dir = await downloadVerified(index, version, platform, options);
  }
  log.info(
    `${TOOL_NAMES[options.distribution].product} ${version} (${options.request.source}) from the ${from === 'download' ? 'releases site, signature and SHA256 verified' : from}`,
  );
  return { binary: join(dir, exe), version, distribution: options.distribution, from };
}
