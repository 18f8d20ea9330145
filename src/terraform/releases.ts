// Where releases live: HashiCorp's releases site (index.json, then /terraform/VERSION/FILE) and OpenTofu's
// (api.json, then GitHub release downloads). A `releases-url` mirror serves the same layout under its own base.

import { HttpClient } from '@actions/http-client';
import { ActionError, errorMessage } from '../errors.js';
import type { Distribution } from './version-request.js';

export interface Platform {
  /** As release file names spell it: linux, darwin, windows. */
  readonly os: string;
  /** amd64, arm64. */
  readonly arch: string;
}

export function currentPlatform(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): Platform {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'windows' }[platform as string];
  const cpu = { x64: 'amd64', arm64: 'arm64' }[arch];
  if (!os || !cpu) {
    throw new ActionError(
      'init-failed',
      `no Terraform release is made for ${platform}/${arch}: use a Linux, macOS or Windows runner on x64 or arm64, or install it yourself and set setup: false`,
    );
  }
  return { os, arch: cpu };
}

export interface ReleaseFiles {
  readonly zipName: string;
  readonly zipUrl: string;
  readonly sumsName: string;
  readonly sumsUrl: string;
  readonly signatureUrl: string;
}

export interface ReleaseIndex {
  readonly versions: readonly string[];
  /** The files of `version` for `platform`; throws when that build does not exist. */
  files(version: string, platform: Platform): ReleaseFiles;
}

const HASHICORP_RELEASES = 'https://releases.hashicorp.com';
const OPENTOFU_INDEX = 'https://get.opentofu.org/tofu/api.json';
const OPENTOFU_DOWNLOADS = 'https://github.com/opentofu/opentofu/releases/download';

export const TOOL_NAMES: Record<Distribution, { binary: string; product: string }> = {
  terraform: { binary: 'terraform', product: 'Terraform' },
  opentofu: { binary: 'tofu', product: 'OpenTofu' },
};

async function getJson(url: string, product: string): Promise<unknown> {
  const client = new HttpClient('okta-terraform-action', [], { allowRetries: true, maxRetries: 3 });
  try {
    const response = await client.get(url, { accept: 'application/json' });
    const status = response.message.statusCode ?? 0;
    const body = await response.readBody();
    if (status !== 200) throw new Error(`HTTP ${status}`);
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw new ActionError(
      'init-failed',
      `could not read the ${product} releases index ${url} (${errorMessage(e)}): check releases-url, or the runner's network`,
    );
  } finally {
    client.dispose();
  }
}

function missingBuild(product: string, version: string, platform: Platform): ActionError {
  return new ActionError(
    'init-failed',
    `${product} ${version} has no release for ${platform.os}/${platform.arch}: pick another version, or install it yourself and set setup: false`,
  );
}

interface HashicorpVersion {
  shasums?: string;
  shasums_signature?: string;
  builds?: Array<{ os?: string; arch?: string; filename?: string }>;
}

async function hashicorpIndex(base: string): Promise<ReleaseIndex> {
  const url = `${base}/terraform/index.json`;
  const document = (await getJson(url, 'Terraform')) as {
    versions?: Record<string, HashicorpVersion>;
  } | null;
  const versions = document?.versions;
  if (!versions || typeof versions !== 'object') {
    throw new ActionError(
      'init-failed',
      `${url} is not a releases index (no "versions"): check releases-url`,
    );
  }
  return {
    versions: Object.keys(versions),
    files(version, platform) {
      const entry = versions[version] ?? {};
      const build = entry.builds?.find((b) => b.os === platform.os && b.arch === platform.arch);
      if (!build) throw missingBuild('Terraform', version, platform);
      const zipName = build.filename ?? `terraform_${version}_${platform.os}_${platform.arch}.zip`;
      const sumsName = entry.shasums ?? `terraform_${version}_SHA256SUMS`;
      const signatureName = entry.shasums_signature ?? `${sumsName}.sig`;
      // Always the configured base, never the index's absolute URLs: a mirror may copy index.json verbatim.
      const dir = `${base}/terraform/${version}`;
      return {
        zipName,
        zipUrl: `${dir}/${zipName}`,
        sumsName,
        sumsUrl: `${dir}/${sumsName}`,
        signatureUrl: `${dir}/${signatureName}`,
      };
    },
  };
}

async function opentofuIndex(base: string | undefined): Promise<ReleaseIndex> {
  const url = base ? `${base}/tofu/api.json` : OPENTOFU_INDEX;
  const document = (await getJson(url, 'OpenTofu')) as {
    versions?: Array<{ id?: string; files?: string[] }>;
  } | null;
  if (!Array.isArray(document?.versions)) {
    throw new ActionError(
      'init-failed',
      `${url} is not an OpenTofu releases index (no "versions"): check releases-url`,
    );
  }
  const files = new Map(document.versions.map((v) => [String(v.id), new Set(v.files ?? [])]));
  return {
    versions: [...files.keys()],
    files(version, platform) {
      const zipName = `tofu_${version}_${platform.os}_${platform.arch}.zip`;
      if (!files.get(version)?.has(zipName)) throw missingBuild('OpenTofu', version, platform);
      const sumsName = `tofu_${version}_SHA256SUMS`;
      const dir = base ? `${base}/tofu/v${version}` : `${OPENTOFU_DOWNLOADS}/v${version}`;
      return {
        zipName,
        zipUrl: `${dir}/${zipName}`,
        sumsName,
        sumsUrl: `${dir}/${sumsName}`,
        signatureUrl: `${dir}/${sumsName}.gpgsig`,
      };
    },
  };
}

/** The releases index of `distribution`, from the official site or the mirror at `releasesUrl`. */
export function readReleaseIndex(
  distribution: Distribution,
  releasesUrl: string | undefined,
): Promise<ReleaseIndex> {
  const base = releasesUrl?.replace(/\/+$/, '');
  return distribution === 'terraform' ? hashicorpIndex(base || HASHICORP_RELEASES) : opentofuIndex(base);
}
