import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXIT } from "./exit-codes.js";
import { main } from "./main.js";

let dir: string;

const BASE =
  "serverName: example.net\ncluster:\n  publicIP: 93.184.216.34\n" +
  "monitoring:\n  enabled: false\n";

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "axion-cli-errors-"));
  await writeFile(join(dir, "base.yaml"), BASE);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stdout = "";
  const progress: string[] = [];
  const code = await main(argv, {
    cwd: dir,
    stdout: (text) => {
      stdout += text;
    },
    progress: (line) => progress.push(line),
  });
  return { code, stdout, progress, stderr: progress.join("\n") };
}

describe("main on config errors found while generating", () => {
  it("exits 1 on an upload size the chart rejects", async () => {
    await writeFile(
      join(dir, "upload.yaml"),
      `${BASE}ess:\n  synapse:\n    maxUploadSize: "1000"\n`,
    );
    const { code, stderr } = await run(
      "generate",
      "--config",
      "upload.yaml",
      "--out",
      "out",
    );

    expect(code).toBe(EXIT.invalidConfig);
    expect(stderr).toContain("error: upload.yaml: ess.synapse.maxUploadSize:");
    expect(stderr).toContain('  received: "1000"');
    expect(stderr).toContain("  fix:      use a multiple of 1024 bytes");
  });

  it("exits 1 on a restore drill without backups", async () => {
    const { code, stderr } = await run(
      "generate",
      "--restore-drill",
      "--config",
      "base.yaml",
      "--out",
      "out",
    );

    expect(code).toBe(EXIT.invalidConfig);
    expect(stderr).toContain("error: base.yaml: backups:");
    expect(stderr).toContain("run generate without --restore-drill");
  });

  it("prints the issue as JSON with --json", async () => {
    const { code, stdout } = await run(
      "generate",
      "--restore-drill",
      "--config",
      "base.yaml",
      "--out",
      "out",
      "--json",
    );
    const report = JSON.parse(stdout) as { errors: { path: string }[] };

    expect(code).toBe(EXIT.invalidConfig);
    expect(report.errors[0]?.path).toBe("backups");
  });
});

describe("main on option errors", () => {
  it.each([
    { argv: ["generate", "--force"], message: 'unknown option "--force"' },
    { argv: ["generate", "-x"], message: 'unknown option "-x"' },
    { argv: ["generate", "--out"], message: 'option "--out" needs a value' },
    {
      argv: ["generate", "--check=yes"],
      message: 'option "--check" takes no value',
    },
  ])("names the option in $argv", async ({ argv, message }) => {
    const { code, progress } = await run(...argv);

    expect(code).toBe(EXIT.usage);
    const [first, second] = progress.join("\n").split("\n");
    expect(first).toBe(`error: ${message}`);
    expect(second).toBe('Run "axion-stack --help" for usage.');
  });
});

describe("main on invite options", () => {
  it.each([
    { option: "--authentik-url", value: "file:///etc/passwd" },
    { option: "--authentik-url", value: "auth.example.net" },
    { option: "--name", value: "two words" },
    { option: "--name", value: "x".repeat(65) },
  ])("rejects $option $value", async ({ option, value }) => {
    const { code, stderr } = await run(
      "invite",
      "--config",
      "base.yaml",
      option,
      value,
    );

    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain(`error: ${option} "${value}" is not`);
  });
});

describe("main on --out", () => {
  it("exits 3 on a filesystem root", async () => {
    const { code, stderr } = await run("generate", "--out", "/");

    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain("error: --out / is a filesystem root");
  });
});

describe("main on a locked --out", () => {
  it("exits 2 while another run writes", async () => {
    await writeFile(join(dir, "out.axion-stack.lock"), `${process.pid}\n`);
    const { code, stderr } = await run(
      "generate",
      "--config",
      "base.yaml",
      "--out",
      "out",
    );

    expect(code).toBe(EXIT.checkFailed);
    expect(stderr).toContain(
      `error: another axion-stack run (PID ${process.pid}) is writing ` +
        `${join(dir, "out")}; run again when it ends`,
    );
  });
});
