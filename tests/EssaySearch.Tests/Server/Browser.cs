using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace EssaySearch.Tests.Server;

/// <summary>A headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>) driven through WebDriver, one per test class.</summary>
public sealed class Browser : IDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium", DriverPath = "/usr/bin/chromedriver";
    private readonly ScratchFolder profile = new();

    public Browser()
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
            throw new InvalidOperationException($"the browser tests need {ChromiumPath} and {DriverPath}: apt-get install -y chromium chromium-driver (.ci/run does)");
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1100,900", "--lang=zh-CN",
            $"--user-data-dir={profile.Path}");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All); // the console's messages, for a page that must log no error
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath), Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }

    public ChromeDriver Driver { get; }

    public object? Script(string script, params object[] args) => Driver.ExecuteScript(script, args);

    /// <summary>Waits until <paramref name="condition"/> holds, for up to <paramref name="seconds"/>; fails saying what it waited for.</summary>
    public void WaitUntil(Func<bool> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!Attempt(condition))
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {seconds} s for {what}; the page says: {Driver.FindElement(By.Id("status")).Text}");
            Thread.Sleep(25);
        }
    }

    private static bool Attempt(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (WebDriverException)
        {
            return false; // an element replaced while it was read
        }
    }

    /// <summary>Saves a screenshot into the folder named by <c>SEARCH_SCREENSHOTS</c>, when it is set (how the README's pictures are made).</summary>
    public void SaveScreenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("SEARCH_SCREENSHOTS") is { Length: > 0 } folder)
            Driver.GetScreenshot().SaveAsFile(Path.Combine(Path.GetFullPath(folder, TestData.RepositoryRoot), name));
    }

    public void Dispose()
    {
        Driver.Quit();
        profile.Dispose();
    }
}
