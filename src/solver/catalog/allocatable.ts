/**
 * A node's allocatable resources, computed from its instance type the way Karpenter on EKS
 * computes them before the node exists (for Amazon Linux 2023 nodes with the VPC CNI's
 * default networking and no kubelet overrides):
 *
 *   allocatable = capacity − kube-reserved − system-reserved − eviction threshold
 *
 * Source: aws/karpenter-provider-aws, `pkg/providers/instancetype/types.go` (functions
 * `memory`, `kubeReservedResources`, `systemReservedResources`, `evictionThreshold`, `pods`,
 * `ENILimitedPods`; read at commit 027ed2416c5de40f9b0a94370dfb050625d415dc), and the
 * Karpenter settings reference (`website/content/en/docs/reference/settings.md`,
 * VM_MEMORY_OVERHEAD_PERCENT "default = 0.075"). The kube-reserved formulas are the ones the
 * EKS AMIs' bootstrap (nodeadm on AL2023, bootstrap.sh on AL2) applies; Karpenter's CPU table
 * cites bottlerocket-os/bottlerocket#1388, and the 11 MiB/pod + 255 MiB memory rule is the
 * amazon-eks-ami one. Checked against Karpenter's generated allocatable table
 * (`website/content/en/docs/reference/instance-types.md`, AL2023): g5.xlarge 3920m / 14162Mi /
 * 58 pods, g5.12xlarge 47810m / 173400Mi / 737, g5.48xlarge 191450m / 723299Mi / 345,
 * g5g.xlarge (arm64) 3920m / 6525Mi / 58, d3en.xlarge 3920m / 14690Mi / 10 — this module gives
 * the same numbers (see test/solver/catalog/allocatable.test.ts).
 *
 * Each term:
 * - CPU capacity: vCPUs × 1000 millicores.
 * - Memory capacity: the nominal MiB, minus 64 MiB on arm64 (Graviton's CMA reservation), minus
 *   ⌈7.5 %⌉ of that for what the hypervisor and kernel keep (Karpenter's
 *   VM_MEMORY_OVERHEAD_PERCENT default; a real node reports roughly this much less than
 *   nominal).
 * - kube-reserved CPU: 6 % of the first core, 1 % of the second, 0.5 % of the third and
 *   fourth, 0.25 % of every core above four (each band truncated to whole millicores).
 * - kube-reserved memory: 11 MiB × max pods + 255 MiB, where max pods is the ENI-limited count
 *   (AL2/AL2023 compute it from the ENI limit even when max pods is overridden:
 *   Karpenter's `UsesENILimitedMemoryOverhead`).
 * - system-reserved: none (Karpenter reserves none unless the EC2NodeClass sets
 *   `kubelet.systemReserved`).
 * - eviction threshold: memory.available < 100 Mi (kubelet's default hard eviction).
 * - pods: the ENI-limited max pods of the VPC CNI's default secondary-IP mode, ENIs × (IPv4
 *   addresses per ENI − 1) + 2, as listed in amazon-eks-ami's eni-max-pods.txt (vendored
 *   excerpt in `upstream/`). With prefix delegation EKS users usually set 110 (250 on big
 *   nodes); pass `maxPods` for that.
 * - GPUs: all of the instance's NVIDIA GPUs (the device plugin reserves none).
 *
 * Ephemeral storage is not modelled (skyweave's requests have no disk dimension).
 */

const MIB = 1024 * 1024;

/** Karpenter's default VM_MEMORY_OVERHEAD_PERCENT. */
export const VM_MEMORY_OVERHEAD_PERCENT = 0.075;
/** Memory an arm64 (Graviton) instance reserves for the kernel's CMA, per Karpenter's `memory()`. */
export const ARM64_CMA_RESERVED_MIB = 64;
/** kube-reserved memory: this many MiB per pod … */
export const KUBE_RESERVED_MIB_PER_POD = 11;
/** … plus this many MiB. */
export const KUBE_RESERVED_BASE_MIB = 255;
/** kubelet's default hard eviction threshold, `memory.available<100Mi`. */
export const EVICTION_HARD_MEMORY_MIB = 100;
/**
 * kube-reserved CPU bands, in millicores of node capacity: [from, to, fraction]. 6 % of the
 * first core, 1 % of the second, 0.5 % of cores 3–4, 0.25 % above 4.
 */
export const KUBE_RESERVED_CPU_BANDS: readonly (readonly [number, number, number])[] = [
  [0, 1000, 0.06],
  [1000, 2000, 0.01],
  [2000, 4000, 0.005],
  [4000, 2 ** 31, 0.0025],
];

/** What `allocatable()` needs to know about an instance type. */
export interface NodeShape {
  readonly vcpu: number;
  /** Nominal memory in MiB. */
  readonly memoryMiB: number;
  /** NVIDIA GPUs. */
  readonly gpus: number;
  readonly arch: "amd64" | "arm64";
  /** ENI-limited max pods (eni-max-pods.txt). */
  readonly eniMaxPods: number;
}

/** Resources the scheduler can hand out on one node. Integers. */
export interface Allocatable {
  readonly cpuMillicores: number;
  readonly memoryBytes: number;
  readonly gpus: number;
  readonly pods: number;
}

/** Knobs that change allocatable, with EKS/Karpenter defaults when absent. */
export interface AllocatableOptions {
  /**
   * Max pods per node when the kubelet sets it (e.g. 110 with VPC CNI prefix delegation).
   * Default: the ENI-limited count. kube-reserved memory still uses the ENI-limited count, as
   * AL2023 does.
   */
  readonly maxPods?: number;
  /** Fraction of memory assumed lost to the VM. Default 0.075 (Karpenter's default). */
  readonly vmMemoryOverheadPercent?: number;
}

/** How allocatable was derived, for explanations. Memory in MiB, CPU in millicores. */
export interface AllocatableBreakdown {
  readonly capacityCpuMillicores: number;
  readonly capacityMemoryMiB: number;
  readonly vmOverheadMiB: number;
  readonly kubeReservedCpuMillicores: number;
  readonly kubeReservedMemoryMiB: number;
  readonly systemReservedCpuMillicores: number;
  readonly systemReservedMemoryMiB: number;
  readonly evictionMemoryMiB: number;
  readonly allocatable: Allocatable;
}

/** kube-reserved CPU in millicores for a node of `vcpu` vCPUs (Karpenter's `kubeReservedResources`). */
export function kubeReservedCpuMillicores(vcpu: number): number {
  const cpu = vcpu * 1000;
  let reserved = 0;
  for (const [start, end, fraction] of KUBE_RESERVED_CPU_BANDS) {
    if (cpu < start) continue;
    const r = cpu < end ? cpu - start : end - start;
    reserved += Math.trunc(r * fraction); // Go: int64(r * percentage)
  }
  return reserved;
}

/** kube-reserved memory in MiB for a node whose (ENI-limited) max pods is `pods`. */
export function kubeReservedMemoryMiB(pods: number): number {
  return KUBE_RESERVED_MIB_PER_POD * pods + KUBE_RESERVED_BASE_MIB;
}

/** Allocatable resources of a node of this shape, with the derivation. */
export function allocatableBreakdown(shape: NodeShape, options: AllocatableOptions = {}): AllocatableBreakdown {
  checkShape(shape);
  const overheadPercent = options.vmMemoryOverheadPercent ?? VM_MEMORY_OVERHEAD_PERCENT;
  if (!(overheadPercent >= 0 && overheadPercent < 1)) throw new RangeError(`vmMemoryOverheadPercent must be in [0, 1), got ${overheadPercent}`);
  const pods = options.maxPods ?? shape.eniMaxPods;
  if (!Number.isInteger(pods) || pods < 1) throw new RangeError(`maxPods must be a positive whole number, got ${pods}`);

  const nominalMiB = shape.memoryMiB - (shape.arch === "arm64" ? ARM64_CMA_RESERVED_MIB : 0);
  // Karpenter: mem.Sub(ceil(float64(mem.Value()) * VMMemoryOverheadPercent / 1024 / 1024) Mi), in bytes as float64.
  const vmOverheadMiB = Math.ceil((nominalMiB * MIB * overheadPercent) / 1024 / 1024);
  const capacityMemoryMiB = nominalMiB - vmOverheadMiB;
  const capacityCpuMillicores = shape.vcpu * 1000;
  const kubeCpu = kubeReservedCpuMillicores(shape.vcpu);
  const kubeMemory = kubeReservedMemoryMiB(shape.eniMaxPods);
  const systemCpu = 0;
  const systemMemory = 0;
  const eviction = EVICTION_HARD_MEMORY_MIB;
  const memoryMiB = capacityMemoryMiB - kubeMemory - systemMemory - eviction;
  const cpuMillicores = capacityCpuMillicores - kubeCpu - systemCpu;
  if (memoryMiB <= 0 || cpuMillicores <= 0) throw new RangeError(`a node of ${shape.vcpu} vCPU and ${shape.memoryMiB} MiB has nothing left after the system reserve`);
  return {
    capacityCpuMillicores,
    capacityMemoryMiB,
    vmOverheadMiB,
    kubeReservedCpuMillicores: kubeCpu,
    kubeReservedMemoryMiB: kubeMemory,
    systemReservedCpuMillicores: systemCpu,
    systemReservedMemoryMiB: systemMemory,
    evictionMemoryMiB: eviction,
    allocatable: { cpuMillicores, memoryBytes: memoryMiB * MIB, gpus: shape.gpus, pods },
  };
}

/** Allocatable resources of a node of this shape: integer millicores, bytes, GPUs and pods. */
export function allocatable(shape: NodeShape, options: AllocatableOptions = {}): Allocatable {
  return allocatableBreakdown(shape, options).allocatable;
}

function checkShape(shape: NodeShape): void {
  for (const key of ["vcpu", "memoryMiB", "eniMaxPods"] as const) {
    if (!Number.isInteger(shape[key]) || shape[key] < 1) throw new RangeError(`${key} must be a positive whole number, got ${shape[key]}`);
  }
  if (!Number.isInteger(shape.gpus) || shape.gpus < 0) throw new RangeError(`gpus must be a whole number, got ${shape.gpus}`);
}
