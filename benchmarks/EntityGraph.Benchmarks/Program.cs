using BenchmarkDotNet.Running;
using EntityGraph.Benchmarks.Accuracy;

namespace EntityGraph.Benchmarks;

internal static class Program
{
    // accuracy [--data PATH] [--only a,b] [--out DIR]: the accuracy harness (benchmarks/results/accuracy.md, .json).
    // peers-input FILE: our throughput on one big file, for benchmarks/peers/compare.sh.
    // serve-load [--limit N] [--seconds S]: the load test of entitygraph serve (benchmarks/results/serve.md).
    // store-load [--documents N] [--repeats N] [--db FILE]: the scale test of the graph store (benchmarks/results/store.md).
    // speed ARGS / anything else: the BenchmarkDotNet suites (BenchmarkSwitcher gets the remaining arguments).
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "accuracy")
            return AccuracyHarness.Run(args[1..], Console.Out);
        if (args.Length > 0 && args[0] == "serve-load")
            return Serve.ServeLoad.Run(args[1..], Console.Out);
        if (args.Length > 0 && args[0] == "store-load")
            return Store.StoreLoad.Run(args[1..], Console.Out);
        if (args.Length > 0 && args[0] == "peers-input")
            return PeersInput.Run(args[1..], Console.Out);
        string[] rest = args.Length > 0 && args[0] == "speed" ? args[1..] : args;
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest);
        return 0;
    }
}
