namespace EntityGraph;

/// <summary>What the tokenizer saw in a token's characters, before any model looks at it.</summary>
public enum TokenKind : byte
{
    /// <summary>A word of letters, possibly with inner apostrophes or periods (U.S.).</summary>
    Word,
    /// <summary>A number: 1,700; 2.5; 9/11; 6:20.</summary>
    Number,
    /// <summary>Punctuation: . , ; : ! ? quotes, brackets, dashes, ellipses.</summary>
    Punctuation,
    /// <summary>Any other symbol ($, %, &amp;, +).</summary>
    Symbol,
    /// <summary>A web address.</summary>
    Url,
    /// <summary>An e-mail address.</summary>
    Email,
    /// <summary>A social-media handle such as @WSJ.</summary>
    Handle,
    /// <summary>A hashtag such as #Iraq.</summary>
    Hashtag,
    /// <summary>A clitic split from a word: 's, n't, 're, 'll.</summary>
    Clitic,
}
