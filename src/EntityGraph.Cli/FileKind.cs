using System.Runtime.InteropServices;

namespace EntityGraph.Cli;

/// <summary>
/// Tells regular files from FIFOs, devices and sockets, which <see cref="File.Exists"/> does not: reading a FIFO that
/// no one writes blocks forever, and /dev/zero never ends.
/// </summary>
internal static partial class FileKind
{
    // S_IFMT and the file types, as the .NET runtime's native shim (System.Native) reports them on every Unix.
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    /// <summary>
    /// What the path is when it is neither a regular file nor a folder ("a FIFO (named pipe)", "a character
    /// device"...), following symbolic links; null for regular files and folders, and when the kind cannot be told
    /// (Windows, or no native shim).
    /// </summary>
    public static string? DescribeIfNotRegular(string path)
    {
        if (OperatingSystem.IsWindows())
            return null;
        int mode;
        try
        {
            mode = StatMode(path);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        if (mode < 0)
            return null;
        return (mode & TypeMask) switch
        {
            Regular or Directory => null,
            Fifo => "a FIFO (named pipe)",
            CharacterDevice => "a character device",
            BlockDevice => "a block device",
            Socket => "a socket",
            _ => "not a regular file",
        };
    }

    /// <summary>st_mode of the path (links followed), or -1 when it cannot be read.</summary>
    private static unsafe int StatMode(string path)
    {
        // System.Native's FileStatus: int Flags, int Mode, then uid, gid, size and times (about 120 bytes; room to spare).
        byte* status = stackalloc byte[512];
        if (Stat(path, status) != 0)
            return -1;
        return ((int*)status)[1];
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static unsafe partial int Stat(string path, byte* status);
}
