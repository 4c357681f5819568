/**
 * Allocatable resources as EKS/Karpenter compute them. Expected values are worked out by hand
 * below, and where Karpenter publishes the same number (its generated instance-types
 * reference, AL2023) it is quoted.
 */
import { describe, expect, it } from "vitest";
import {
  allocatable,
  allocatableBreakdown,
  kubeReservedCpuMillicores,
  kubeReservedMemoryMiB,
  type NodeShape,
} from "../../../src/solver/catalog/allocatable.js";

const MIB = 2 ** 20;

const shape = (vcpu: number, memoryMiB: number, eniMaxPods: number, extra: Partial<NodeShape> = {}): NodeShape => ({ vcpu, memoryMiB, eniMaxPods, gpus: 0, arch: "amd64", ...extra });

describe("kube-reserved", () => {
  it("reserves 6 % of the first core, 1 % of the second, 0.5 % of cores 3-4 and 0.25 % above", () => {
    expect(kubeReservedCpuMillicores(1)).toBe(60);
    expect(kubeReservedCpuMillicores(2)).toBe(60 + 10);
    expect(kubeReservedCpuMillicores(4)).toBe(60 + 10 + 5 + 5);
    expect(kubeReservedCpuMillicores(8)).toBe(80 + 4 * 2.5);
    expect(kubeReservedCpuMillicores(192)).toBe(80 + 188 * 2.5);
  });

  it("reserves 11 MiB per pod plus 255 MiB of memory", () => {
    expect(kubeReservedMemoryMiB(29)).toBe(11 * 29 + 255);
    expect(kubeReservedMemoryMiB(110)).toBe(1465);
  });
});

describe("allocatable", () => {
  it("m7i.large (2 vCPU, 8 GiB, 29 pods): 1930m, 6903 MiB, 29 pods", () => {
    // cpu: 2000 - (60 + 10) = 1930
    // memory: 8192 - ceil(8192 * 0.075 = 614.4) = 7577 MiB capacity; - (11*29 + 255 = 574) - 100 = 6903 MiB
    expect(allocatable(shape(2, 8192, 29))).toEqual({ cpuMillicores: 1930, memoryBytes: 6903 * MIB, gpus: 0, pods: 29 });
  });

  it("m7i.xlarge (4 vCPU, 16 GiB, 58 pods): 3920m, 14162 MiB, 58 pods", () => {
    // cpu: 4000 - (60 + 10 + 5 + 5) = 3920
    // memory: 16384 - ceil(1228.8) = 15155; - (11*58 + 255 = 893) - 100 = 14162
    expect(allocatable(shape(4, 16384, 58))).toEqual({ cpuMillicores: 3920, memoryBytes: 14162 * MIB, gpus: 0, pods: 58 });
  });

  it("c7i.large (2 vCPU, 4 GiB, 29 pods): 1930m, 3114 MiB, 29 pods", () => {
    // memory: 4096 - ceil(307.2) = 3788; - 574 - 100 = 3114
    expect(allocatable(shape(2, 4096, 29))).toEqual({ cpuMillicores: 1930, memoryBytes: 3114 * MIB, gpus: 0, pods: 29 });
  });

  it("g5.xlarge (4 vCPU, 16 GiB, 1 A10G, 58 pods): 3920m, 14162 MiB, 1 GPU, 58 pods, as Karpenter's table lists", () => {
    expect(allocatable(shape(4, 16384, 58, { gpus: 1 }))).toEqual({ cpuMillicores: 3920, memoryBytes: 14162 * MIB, gpus: 1, pods: 58 });
  });

  it("m7g.large (arm64) loses 64 MiB to the CMA first: 6844 MiB", () => {
    // memory: 8192 - 64 = 8128; - ceil(609.6) = 7518; - 574 - 100 = 6844
    expect(allocatable(shape(2, 8192, 29, { arch: "arm64" })).memoryBytes).toBe(6844 * MIB);
  });

  it("agrees with Karpenter's generated allocatable table (instance-types.md, AL2023) on types of several shapes", () => {
    const cases: [string, NodeShape, number, number][] = [
      ["a1.large", shape(2, 4096, 29, { arch: "arm64" }), 1930, 3055],
      ["d3en.xlarge", shape(4, 16384, 10), 3920, 14690],
      ["g5g.xlarge", shape(4, 8192, 58, { arch: "arm64", gpus: 1 }), 3920, 6525],
      ["g5.12xlarge", shape(48, 196608, 737, { gpus: 4 }), 47810, 173400],
      ["g5.48xlarge", shape(192, 786432, 345, { gpus: 8 }), 191450, 723299],
      ["dl1.24xlarge", shape(96, 786432, 737), 95690, 718987],
    ];
    for (const [name, s, cpu, memoryMiB] of cases) {
      const a = allocatable(s);
      expect([name, a.cpuMillicores, a.memoryBytes / MIB, a.pods]).toEqual([name, cpu, memoryMiB, s.eniMaxPods]);
    }
  });

  it("with max pods set (prefix delegation: 110) offers 110 pods and keeps the ENI-based memory reserve, as AL2023 does", () => {
    expect(allocatable(shape(2, 8192, 29), { maxPods: 110 })).toEqual({ cpuMillicores: 1930, memoryBytes: 6903 * MIB, gpus: 0, pods: 110 });
  });

  it("explains itself", () => {
    expect(allocatableBreakdown(shape(2, 8192, 29))).toEqual({
      capacityCpuMillicores: 2000,
      capacityMemoryMiB: 7577,
      vmOverheadMiB: 615,
      kubeReservedCpuMillicores: 70,
      kubeReservedMemoryMiB: 574,
      systemReservedCpuMillicores: 0,
      systemReservedMemoryMiB: 0,
      evictionMemoryMiB: 100,
      allocatable: { cpuMillicores: 1930, memoryBytes: 6903 * MIB, gpus: 0, pods: 29 },
    });
  });

  it("returns integers", () => {
    for (const s of [shape(2, 512, 4), shape(96, 393216, 737, { gpus: 8 }), shape(2, 1024, 4, { arch: "arm64" })]) {
      expect(Object.values(allocatable(s)).every(Number.isInteger)).toBe(true);
    }
  });

  it("rejects a shape or option that makes no sense", () => {
    expect(() => allocatable(shape(0, 8192, 29))).toThrow(/vcpu must be a positive whole number/);
    expect(() => allocatable(shape(2, 8192, 29), { maxPods: 0 })).toThrow(/maxPods/);
    expect(() => allocatable(shape(2, 256, 4))).toThrow(/nothing left/);
  });
});
