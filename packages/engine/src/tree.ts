import type { ApproverNode, ProcessDefinition, ProcessNode } from './definition.ts';

/**
 * An index of a definition's tree: for every node, the sequence it sits in
 * and its place there. A sequence is the top level or a branch of a
 * condition or parallel node; `container` names that node and branch.
 */
export interface SequenceRef {
  /** The condition or parallel node holding this branch; null for the top level. */
  containerId: string | null;
  branchId: string | null;
  nodes: ProcessNode[];
}

export interface NodeEntry {
  node: ProcessNode;
  sequence: SequenceRef;
  index: number;
}

export interface TreeIndex {
  nodes: Map<string, NodeEntry>;
  /** Sequences by "containerId/branchId" ('' for the top level). */
  sequences: Map<string, SequenceRef>;
  /** Approver nodes in document order. */
  approvers: ApproverNode[];
}

export const sequenceKey = (containerId: string | null, branchId: string | null) => (containerId === null ? '' : `${containerId}/${branchId}`);

const cache = new WeakMap<ProcessDefinition, TreeIndex>();

/** Builds (once per definition object) the index of its tree. */
export function indexTree(definition: ProcessDefinition): TreeIndex {
  const cached = cache.get(definition);
  if (cached) return cached;
  const index: TreeIndex = { nodes: new Map(), sequences: new Map(), approvers: [] };
  const walk = (sequence: SequenceRef) => {
    index.sequences.set(sequenceKey(sequence.containerId, sequence.branchId), sequence);
    sequence.nodes.forEach((node, i) => {
      index.nodes.set(node.id, { node, sequence, index: i });
      if (node.type === 'approver') index.approvers.push(node);
      if (node.type === 'condition' || node.type === 'parallel') {
        for (const branch of node.branches) walk({ containerId: node.id, branchId: branch.id, nodes: branch.nodes });
      }
    });
  };
  walk({ containerId: null, branchId: null, nodes: definition.nodes });
  cache.set(definition, index);
  return index;
}

/**
 * The chain of sequence positions from the top level down to a node: each
 * step is (sequence, index). The last step is the node itself.
 */
export function pathTo(index: TreeIndex, nodeId: string): { sequence: SequenceRef; index: number }[] {
  const path: { sequence: SequenceRef; index: number }[] = [];
  let entry = index.nodes.get(nodeId);
  while (entry) {
    path.unshift({ sequence: entry.sequence, index: entry.index });
    entry = entry.sequence.containerId === null ? undefined : index.nodes.get(entry.sequence.containerId);
  }
  return path;
}

/** Every node id inside a node (itself included). */
export function descendantIds(node: ProcessNode): string[] {
  if (node.type === 'condition' || node.type === 'parallel') return [node.id, ...node.branches.flatMap((b) => b.nodes.flatMap(descendantIds))];
  return [node.id];
}

export function getApprover(index: TreeIndex, nodeId: string): ApproverNode | undefined {
  const node = index.nodes.get(nodeId)?.node;
  return node?.type === 'approver' ? node : undefined;
}
