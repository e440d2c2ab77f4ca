using System.Text;
using static EntityGraph.Tests.TestHelpers;

namespace EntityGraph.Tests.Text;

public class TokenizerRandomTests
{
    // Characters that stress every branch: letters, digits, each punctuation class, quotes, dashes, apostrophes,
    // URL and handle starters, whitespace kinds, non-ASCII letters, surrogates and controls.
    private const string Alphabet = "aZ9.,;:!?'\"()[]{}-\u2014\u2013\u2026\u2019\u201C\u201D@#/&+%$ \n\t\u00A0\u00E9\u0627\u4E2D\uFFFD\u0000\u0007";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void Tokenize_RandomText_InvariantsHold(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 300; round++)
        {
            var builder = new StringBuilder();
            int length = random.Next(0, 200);
            for (int i = 0; i < length; i++)
            {
                int pick = random.Next(Alphabet.Length + 6);
                if (pick < Alphabet.Length)
                    builder.Append(Alphabet[pick]);
                else if (pick == Alphabet.Length)
                    builder.Append("http://t.co/");
                else if (pick == Alphabet.Length + 1)
                    builder.Append("U.S.");
                else if (pick == Alphabet.Length + 2)
                    builder.Append("n't");
                else if (pick == Alphabet.Length + 3)
                    builder.Append('\uD83D').Append('\uDE00');
                else if (pick == Alphabet.Length + 4)
                    builder.Append((char)random.Next(0xD800, 0xDFFF)); // lone surrogate
                else
                    builder.Append("...");
            }
            string text = builder.ToString();
            Document document = Pipeline.CreateDefault().Process(text);
            AssertInvariants(document);
            AssertSentenceInvariants(document);
            // Round trip: the tokens plus the whitespace between them rebuild the text.
            var rebuilt = new StringBuilder();
            int position = 0;
            foreach (Token token in document.Tokens)
            {
                rebuilt.Append(text, position, token.Start - position).Append(token.Text);
                position = token.End;
            }
            rebuilt.Append(text, position, text.Length - position);
            Assert.Equal(text, rebuilt.ToString());
        }
    }
}
