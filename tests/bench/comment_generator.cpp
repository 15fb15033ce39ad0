#include "comment_generator.hpp"

#include <array>
#include <vector>

namespace touchpoint::bench {
namespace {

struct bank {
    std::vector<const char*> praise, complaints, neutral;
    const char* but;
    const char* also;
};

const bank& bank_for(const std::string& language) {
    static const bank en{
        {"the support team answered within the hour and solved it", "setting up the integrations was quick",
         "the reports are clear and easy to share", "great value for the price we pay",
         "onboarding was smooth thanks to the documentation", "the app is fast and reliable",
         "billing is simple and the invoices are correct", "I love the new dashboard features"},
        {"the app is slow and crashes every week", "support takes days to answer a ticket",
         "far too expensive for a small team", "the invoices were wrong twice this quarter",
         "the documentation is outdated and confusing", "onboarding took weeks instead of days",
         "the Salesforce integration keeps breaking", "the interface is cluttered and hard to use"},
        {"we use it mostly for the monthly reports", "our team switched from spreadsheets last year",
         "we mainly need the export", "it does what we bought it for"},
        "but", "and"};
    static const bank fr{
        {"le support a répondu en une heure et a tout réglé", "l'intégration a été rapide à mettre en place",
         "les rapports sont clairs et faciles à partager", "très bon rapport qualité prix",
         "la prise en main a été simple grâce à la documentation", "l'application est rapide et fiable",
         "la facturation est simple et les factures sont justes", "j'adore les nouvelles fonctionnalités"},
        {"l'application est lente et plante chaque semaine", "le support met des jours à répondre",
         "beaucoup trop cher pour une petite équipe", "les factures étaient fausses deux fois ce trimestre",
         "la documentation est obsolète et confuse", "l'intégration avec Salesforce ne marche pas",
         "l'interface est compliquée et pas du tout intuitive", "je suis déçu par les dernières mises à jour"},
        {"nous l'utilisons surtout pour les rapports mensuels", "notre équipe l'utilise depuis un an",
         "nous avons surtout besoin de l'export", "il fait ce pour quoi nous l'avons acheté"},
        "mais", "et"};
    static const bank nl{
        {"de klantenservice reageerde binnen een uur en loste het op", "de koppelingen waren snel ingesteld",
         "de rapporten zijn duidelijk en makkelijk te delen", "prima prijs voor wat je krijgt",
         "de onboarding ging soepel dankzij de handleiding", "de app is snel en betrouwbaar",
         "de facturen kloppen altijd", "ik ben blij met de nieuwe functies"},
        {"de app is traag en loopt elke week vast", "de klantenservice doet dagen over een antwoord",
         "veel te duur voor een klein team", "de facturen klopten twee keer niet",
         "de handleiding is verouderd en verwarrend", "de onboarding duurde weken in plaats van dagen",
         "de koppeling met Salesforce werkt slecht", "de interface is onoverzichtelijk en lastig"},
        {"we gebruiken het vooral voor de maandrapporten", "ons team werkt er sinds vorig jaar mee",
         "we hebben vooral de export nodig", "het doet wat we nodig hebben"},
        "maar", "en"};
    if (language == "fr") return fr;
    if (language == "nl") return nl;
    return en;
}

const char* pick(std::mt19937_64& random, const std::vector<const char*>& from) {
    return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(random)];
}

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

} // namespace

generated_comment generate_comment(std::mt19937_64& random, int nps_score, const std::string& language) {
    const auto& words = bank_for(language);
    std::string text;
    const int shape = std::uniform_int_distribution<int>(0, 3)(random);
    if (nps_score <= 6) {
        text = pick(random, words.complaints);
        if (shape >= 2) text += std::string(" ") + words.also + " " + pick(random, words.complaints);
        if (shape == 3) text += std::string(". ") + capitalised(pick(random, words.neutral));
    } else if (nps_score <= 8) {
        text = std::string(pick(random, words.praise)) + " " + words.but + " " + pick(random, words.complaints);
        if (shape == 3) text += std::string(". ") + capitalised(pick(random, words.neutral));
    } else {
        text = pick(random, words.praise);
        if (shape >= 2) text += std::string(" ") + words.also + " " + pick(random, words.praise);
        if (shape == 1) text = capitalised(pick(random, words.neutral)) + ". " + capitalised(text);
    }
    return {capitalised(text) + ".", language};
}

} // namespace touchpoint::bench
