/** Dinic's maximum flow on integer capacities; small and allocation-light. */
export class FlowNetwork {
  private heads: Int32Array
  private to: number[] = []
  private next: number[] = []
  private capacity: number[] = []
  private level: Int32Array
  private cursor: Int32Array

  constructor(private readonly nodeCount: number) {
    this.heads = new Int32Array(nodeCount).fill(-1)
    this.level = new Int32Array(nodeCount)
    this.cursor = new Int32Array(nodeCount)
  }

  addEdge(from: number, to: number, capacity: number) {
    this.pushEdge(from, to, capacity)
    this.pushEdge(to, from, 0)
  }

  maxFlow(source: number, sink: number) {
    let total = 0
    while (this.buildLevels(source, sink)) {
      this.cursor.set(this.heads)
      for (;;) {
        const pushed = this.push(source, sink, Number.MAX_SAFE_INTEGER)
        if (pushed === 0) break
        total += pushed
      }
    }
    return total
  }

  private pushEdge(from: number, to: number, capacity: number) {
    this.to.push(to)
    this.capacity.push(capacity)
    this.next.push(this.heads[from])
    this.heads[from] = this.to.length - 1
  }

  private buildLevels(source: number, sink: number) {
    this.level.fill(-1)
    const queue = new Int32Array(this.nodeCount)
    let head = 0
    let tail = 0
    queue[tail++] = source
    this.level[source] = 0
    while (head < tail) {
      const node = queue[head++]
      for (let edge = this.heads[node]; edge !== -1; edge = this.next[edge]) {
        const target = this.to[edge]
        if (this.capacity[edge] > 0 && this.level[target] < 0) {
          this.level[target] = this.level[node] + 1
          queue[tail++] = target
        }
      }
    }
    return this.level[sink] >= 0
  }

  // Recursion depth is bounded by the level graph's depth, which is tiny for our bipartite networks.
  private push(node: number, sink: number, limit: number): number {
    if (node === sink) return limit
    for (; this.cursor[node] !== -1; this.cursor[node] = this.next[this.cursor[node]]) {
      const edge = this.cursor[node]
      const target = this.to[edge]
      if (this.capacity[edge] <= 0 || this.level[target] !== this.level[node] + 1) continue
      const pushed = this.push(target, sink, Math.min(limit, this.capacity[edge]))
      if (pushed > 0) {
        this.capacity[edge] -= pushed
        this.capacity[edge ^ 1] += pushed
        return pushed
      }
    }
    return 0
  }
}

/** Size of a maximum matching in a bipartite graph (Kuhn's augmenting paths). */
export function bipartiteMatchingSize(leftAdjacency: ArrayLike<number>[], rightCount: number) {
  const matchOfRight = new Int32Array(rightCount).fill(-1)
  const seen = new Int32Array(rightCount).fill(-1)
  const augment = (left: number, round: number): boolean => {
    const neighbours = leftAdjacency[left]
    for (let i = 0; i < neighbours.length; i++) {
      const right = neighbours[i]
      if (seen[right] === round) continue
      seen[right] = round
      if (matchOfRight[right] < 0 || augment(matchOfRight[right], round)) {
        matchOfRight[right] = left
        return true
      }
    }
    return false
  }
  let size = 0
  for (let left = 0; left < leftAdjacency.length && size < rightCount; left++) {
    if (augment(left, left)) size++
  }
  return size
}
