/**
 * Helpers of the setup-site end-to-end tests: a static file server and a
 * fake copy of Element's signed Debian repository, both on 127.0.0.1 and
 * in temporary folders.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, normalize, relative } from "node:path";

/** A server started by a test; `close` stops it. */
export interface RunningServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves the files under `root` on 127.0.0.1 at a free port. */
export async function serveDirectory(root: string): Promise<RunningServer> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(request.url ?? "/"));
    const file = join(root, path);
    try {
      const body = readFileSync(file);
      response.writeHead(200, { "Content-Length": body.length });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function write(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** An OpenPGP signing key in its own GnuPG home folder. */
export interface SigningKey {
  home: string;
  /** The public key, exported in binary form as a keyring file. */
  keyring: Buffer;
}

/** Creates an ed25519 signing key without a passphrase. */
export function createSigningKey(home: string, name: string): SigningKey {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const gpg = ["--homedir", home, "--batch", "--quiet"];
  // gpg starts a gpg-agent that outlives it. With ignored stdio the agent
  // keeps none of our pipes open, so execFileSync returns.
  execFileSync(
    "gpg",
    [...gpg, "--passphrase", "", "--quick-gen-key", `${name} <a@127.0.0.1>`],
    { stdio: "ignore" },
  );
  return { home, keyring: execFileSync("gpg", [...gpg, "--export"]) };
}

/** Stops the gpg-agent that signing with `key` started. */
export function stopSigningAgent(key: SigningKey): void {
  execFileSync("gpgconf", ["--homedir", key.home, "--kill", "gpg-agent"]);
}

/** Builds a minimal element-desktop .deb with `dpkg-deb`. */
export function buildTestPackage(dir: string, version: string): Buffer {
  const root = join(dir, `element-desktop-${version}`);
  write(
    join(root, "DEBIAN", "control"),
    `Package: element-desktop\nVersion: ${version}\nArchitecture: amd64\n` +
      "Maintainer: Test <test@127.0.0.1>\nDescription: test package\n",
  );
  const binary = join(root, "opt", "Element", "element-desktop");
  write(binary, `#!/bin/sh\necho "element-desktop ${version}"\n`);
  chmodSync(binary, 0o755);

  const deb = join(dir, `element-desktop_${version}_amd64.deb`);
  execFileSync("dpkg-deb", ["--root-owner-group", "--build", root, deb], {
    stdio: "ignore",
  });
  return readFileSync(deb);
}

/** What the fake repository serves, and what it lists. */
export interface FakeRepository {
  version: string;
  packageFile: string;
  packageSha256: string;
}

/**
 * Writes a copy of Element's Debian repository layout under
 * `root/debian`: the keyring, `dists/default/InRelease` signed by
 * `signer`, the `main/binary-amd64/Packages` index and the package.
 * `listedSha256` replaces the package's real hash in the index.
 */
export function writeFakeRepository(options: {
  root: string;
  deb: Buffer;
  version: string;
  trustedKey: SigningKey;
  signer: SigningKey;
  listedSha256?: string;
}): FakeRepository {
  const repo = join(options.root, "debian");
  const packageFile = `pool/main/e/element-desktop_${options.version}_amd64.deb`;
  const packageSha256 = sha256(options.deb);
  write(join(repo, packageFile), options.deb);
  write(
    join(repo, "element-io-archive-keyring.gpg"),
    options.trustedKey.keyring,
  );

  const packages =
    "Package: element-desktop\nVersion: 1.0.0\nArchitecture: amd64\n" +
    "Filename: pool/main/e/element-desktop_1.0.0_amd64.deb\n" +
    `SHA256: ${"0".repeat(64)}\n\n` +
    `Package: element-desktop\nVersion: ${options.version}\n` +
    `Architecture: amd64\nFilename: ${packageFile}\n` +
    `SHA256: ${options.listedSha256 ?? packageSha256}\n`;
  const index = "main/binary-amd64/Packages";
  write(join(repo, "dists", "default", index), packages);

  const release =
    "Origin: test\nSuite: default\nComponents: main\nSHA256:\n" +
    ` ${sha256(packages)} ${Buffer.byteLength(packages)} ${index}\n`;
  const inReleasePath = join(repo, "dists", "default", "InRelease");
  execFileSync(
    "gpg",
    [
      ...["--homedir", options.signer.home, "--batch", "--quiet", "--yes"],
      ...["--clearsign", "--output", inReleasePath],
    ],
    { input: release, stdio: ["pipe", "ignore", "ignore"] },
  );
  return { version: options.version, packageFile, packageSha256 };
}

/** A file's content hash and modification time, to detect any change. */
export type TreeSnapshot = Record<string, string>;

/** Lists every file and link under `dir` with its content and mtime. */
export function snapshotTree(dir: string): TreeSnapshot {
  const snapshot: TreeSnapshot = {};
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    let content = "directory";
    if (entry.isSymbolicLink()) {
      content = `link to ${readlinkSync(path)}`;
    } else if (entry.isFile()) {
      content = sha256(readFileSync(path));
    }
    snapshot[relative(dir, path)] = `${content} ${lstatSync(path).mtimeMs}`;
  }
  return snapshot;
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
