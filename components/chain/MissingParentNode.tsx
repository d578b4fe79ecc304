import { Handle, Position, type NodeProps } from "@xyflow/react";
import { Badge } from "@/components/ui/Badge";
import { statusStyles } from "@/components/ui/status";
import { NODE_SIZE, type MissingFlowNode } from "./graph-elements";
import { useNodeFocus } from "./graph-focus";

const hiddenHandle = { visibility: "hidden" } as const;

/** A parent that events name as their cause but that was never indexed. */
export function MissingParentNode({ id, data }: NodeProps<MissingFlowNode>) {
  const style = statusStyles.missing;
  const { hovered } = useNodeFocus(id);
  return (
    <div
      data-testid="missing-node"
      data-status="missing"
      style={NODE_SIZE}
      className={`flex flex-col justify-center gap-1 rounded-md border px-3 py-2 ${style.node} ${hovered ? "ring-2 ring-sky-300" : ""}`}
    >
      <div className="flex items-center gap-1.5">
        <Badge className={style.badge}>{style.label}</Badge>
        <span className="text-sm font-medium">Parent never seen</span>
      </div>
      <div className="truncate font-mono text-[11px]" title={data.causationId}>
        eventId {data.causationId}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}
