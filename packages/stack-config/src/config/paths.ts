/**
 * Dotted config paths (`ess.matrixRTC.sfu.manualIP`, `rooms[0]`): building
 * them from JSON pointers, reading values at them, and sorting them.
 */

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Appends an object key to a dotted path, quoting keys that need it. */
export function joinPath(parent: string, key: string): string {
  if (!PLAIN_KEY.test(key)) {
    return `${parent}[${JSON.stringify(key)}]`;
  }
  return parent === "" ? key : `${parent}.${key}`;
}

function decodePointerSegment(segment: string): string {
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** Reads a child of an object or array, or undefined. */
function child(node: unknown, key: string): unknown {
  if (node === null || typeof node !== "object") {
    return undefined;
  }
  return (node as Record<string, unknown>)[key];
}

/**
 * Converts a JSON pointer such as `/policies/autoJoinRooms/rooms/0` into a
 * dotted path (`policies.autoJoinRooms.rooms[0]`). `data` distinguishes array
 * indexes from object keys that look like numbers.
 */
export function pointerToPath(pointer: string, data: unknown): string {
  if (pointer === "") {
    return "";
  }
  let path = "";
  let node = data;
  for (const segment of pointer.split("/").slice(1).map(decodePointerSegment)) {
    path = Array.isArray(node)
      ? `${path}[${segment}]`
      : joinPath(path, segment);
    node = child(node, segment);
  }
  return path;
}

/** Reads the value at a JSON pointer, or undefined when it is absent. */
export function valueAtPointer(data: unknown, pointer: string): unknown {
  if (pointer === "") {
    return data;
  }
  return pointer
    .split("/")
    .slice(1)
    .map(decodePointerSegment)
    .reduce<unknown>((node, segment) => child(node, segment), data);
}

/** Splits a dotted path into keys and `[n]` indexes. */
function pathTokens(path: string): string[] {
  return path.match(/\[[^\]]*\]|[^.[\]]+/g) ?? [];
}

/** Orders by UTF-16 code units, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

function compareTokens(a: string, b: string): number {
  const indexA = /^\[(\d+)\]$/.exec(a);
  const indexB = /^\[(\d+)\]$/.exec(b);
  if (indexA && indexB) {
    return Number(indexA[1]) - Number(indexB[1]);
  }
  return compareText(a, b);
}

/** Orders dotted paths key by key, with array indexes in numeric order. */
export function comparePaths(a: string, b: string): number {
  const tokensA = pathTokens(a);
  const tokensB = pathTokens(b);
  const shared = Math.min(tokensA.length, tokensB.length);
  for (let i = 0; i < shared; i++) {
    const order = compareTokens(tokensA[i]!, tokensB[i]!);
    if (order !== 0) {
      return order;
    }
  }
  return tokensA.length - tokensB.length;
}

/**
 * True when one path is the other or lies inside it, so a problem at one
 * affects what is read at the other.
 */
export function pathsOverlap(a: string, b: string): boolean {
  const inside = (inner: string, outer: string) =>
    outer === "" ||
    inner === outer ||
    inner.startsWith(`${outer}.`) ||
    inner.startsWith(`${outer}[`);
  return inside(a, b) || inside(b, a);
}

/** Reads the value at a dotted path of plain keys, or undefined. */
export function valueAtPath(data: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => child(node, key), data);
}

/**
 * Returns the dotted path of the first value that contains one of its own
 * parents, as a YAML alias or a TypeScript object can, or undefined.
 */
export function findCycle(
  value: unknown,
  path = "",
  parents: unknown[] = [],
): string | undefined {
  if (value === null || typeof value !== "object") {
    return undefined;
  }
  if (parents.includes(value)) {
    return path;
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [`${path}[${index}]`, item] as const)
    : Object.entries(value).map(
        ([key, item]) => [joinPath(path, key), item] as const,
      );
  for (const [childPath, child] of entries) {
    const found = findCycle(child, childPath, [...parents, value]);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}
