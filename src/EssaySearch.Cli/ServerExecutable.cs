#if !SERVER
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace EssaySearch.Cli;

/// <summary>
/// <c>search serve</c> in the native command, which is built without the server (EssaySearch.Cli.csproj says why):
/// the same arguments, run by <c>search-serve</c>, published beside it with the server in. On Linux and macOS that
/// program replaces this process (the same process id, signals and standard streams); elsewhere it runs as a child.
/// </summary>
internal static class ServerExecutable
{
    public static int Run(string[] args, TextWriter error)
    {
        string path = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "search-serve.exe" : "search-serve");
        if (!File.Exists(path))
        {
            error.WriteLine($"search: `serve` runs '{path}', which is missing: publish the command as the README's install section says, or use the dotnet tool");
            return Commands.Error;
        }
        if (OperatingSystem.IsWindows())
        {
            using var server = Process.Start(path, args);
            server.WaitForExit();
            return server.ExitCode;
        }
        string[] argv = [path, .. args];
        var pointers = new IntPtr[argv.Length + 1];   // a null-terminated char* array, as execv takes it
        for (int i = 0; i < argv.Length; i++)
            pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
        Console.Out.Flush();
        Console.Error.Flush();
        Exec(pointers[0], pointers);
        error.WriteLine($"search: cannot run '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        return Commands.Error;
    }

    [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static extern int Exec(IntPtr path, IntPtr[] argv);
}
#endif
