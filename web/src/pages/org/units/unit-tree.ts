// The server lists units flat (each with parentId); tables and pickers want a tree.
import type { OrgUnit } from '../queries.ts';

export interface UnitNode extends OrgUnit {
  children?: UnitNode[];
}

const kindOrder: Record<OrgUnit['kind'], number> = { hq: 0, region: 1, store: 2 };

/** Roots are units whose parent is not in the list (a region manager's tree starts at the region). */
export function buildUnitTree(units: readonly OrgUnit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>(units.map((unit) => [unit.id, { ...unit }]));
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (!parent) roots.push(node);
    else if (parent.children) parent.children.push(node);
    else parent.children = [node];
  }
  const sort = (list: UnitNode[]) => {
    list.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind] || a.code.localeCompare(b.code));
    for (const node of list) if (node.children) sort(node.children);
  };
  sort(roots);
  return roots;
}

export interface UnitTreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: UnitTreeOption[];
}

/** TreeSelect data; `selectable` decides which units may be picked (others stay as structure). */
export function unitTreeOptions(
  nodes: readonly UnitNode[],
  selectable: (unit: OrgUnit) => boolean = () => true,
): UnitTreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    ...(selectable(node) ? {} : { disabled: true }),
    ...(node.children ? { children: unitTreeOptions(node.children, selectable) } : {}),
  }));
}

export function allUnitIds(nodes: readonly UnitNode[]): string[] {
  return nodes.flatMap((node) => [node.id, ...allUnitIds(node.children ?? [])]);
}
