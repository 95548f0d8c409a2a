/*
 * Words of wagtail-localize 1.14's translation editor that its code writes in English instead of
 * asking its catalogue: the heading above the segments ("français to anglais translation") and
 * the screen-reader label of its action menus ("More actions"). The editor's template gives them
 * translated (data-segments-heading and data-more-actions on the editor's root,
 * home/templates/wagtail_localize/admin/edit_translation.html). React leaves text it rendered
 * alone until it renders again, which the observer catches.
 */
const translateEditorWords = () => {
    const root = document.querySelector(".js-translation-editor");
    if (!root) {
        return;
    }
    const { segmentsHeading, moreActions } = root.dataset;
    const replace = (selector, text) => {
        if (!text) {
            return;
        }
        root.querySelectorAll(selector).forEach((element) => {
            if (element.textContent !== text) {
                element.textContent = text;
            }
        });
    };
    const translate = () => {
        replace("section > div > h3", segmentsHeading);
        replace(".w-dropdown__toggle > .w-sr-only", moreActions);
    };
    translate();
    new MutationObserver(translate).observe(root, { childList: true, subtree: true });
};

// Wagtail loads the admin's scripts before the page's content; wagtail-localize renders its
// editor when the document is parsed, and so does this, after it.
if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", translateEditorWords);
} else {
    translateEditorWords();
}
