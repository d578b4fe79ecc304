/**
 * A JSON value as a tree of native <details>: objects and arrays fold, the top levels start
 * open. No state of its own, so a large payload costs only its DOM.
 */
const OPEN_DEPTH = 2;

export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="font-mono text-xs leading-5 text-slate-100" data-testid="json-tree">
      <JsonNode value={value} depth={0} />
    </div>
  );
}

function JsonNode({ name, value, depth }: { name?: string; value: unknown; depth: number }) {
  const label = name === undefined ? null : <span className="text-sky-300">{name}: </span>;
  if (value === null || typeof value !== "object") {
    return (
      <div className="pl-4">
        {label}
        <Scalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) {
    return (
      <div className="pl-4">
        {label}
        {open}
        {close}
      </div>
    );
  }
  return (
    <details open={depth < OPEN_DEPTH} className="pl-4">
      <summary className="cursor-pointer marker:text-slate-500">
        {label}
        {open}
        <span className="text-slate-500"> {entries.length} </span>
        {close}
      </summary>
      {entries.map(([key, item]) => (
        <JsonNode key={key} name={key} value={item} depth={depth + 1} />
      ))}
    </details>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (typeof value === "string")
    return <span className="text-emerald-300">{JSON.stringify(value)}</span>;
  if (typeof value === "number") return <span className="text-amber-300">{value}</span>;
  return <span className="text-fuchsia-300">{String(value)}</span>;
}
