/**
 * Photos as a desk files them: a JPEG beside the story, one in a `photos/` folder named with
 * `./`, one with a camera's upper-case `.JPG`, and an illustration under public/. Flawed: a photo never copied over, a
 * scanner's TIFF, a phone's HEIC, a photo on an agency's server the site does not list, and a
 * `javascript:` address pasted into `src`.
 */
import type { ArchiveWriter } from './index.ts';

/** A small camera-like JPEG (320 × 213, from scripts/lib/photo.ts), so the archive stays light. */
const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCADVAUADASIAAhEBAxEB/8QAGgAAAwEBAQEAAAAAAAAAAAAAAQIDAAQFBv/EADsQAAEDAwMCAwYEAwcFAAAAAAEAAhEDITESQVEEYSJxgQUTMpGhsQbB0eFC8PEUNENEUmJyFRYzc5L/xAAZAQEAAwEBAAAAAAAAAAAAAAAAAQIDBAX/xAAjEQEBAAIBBAMAAwEAAAAAAAAAAQIRAwQSMUETIVEiMmEU/9oADAMBAAIRAxEAPwD0ognyytA+aaO11gJupYBEIaQR380145WIsceiBdJ4wtGOOQmjvhDe/wBUAgxm8rRFyeyaJFuFiICBYmYwsRaybEgBY244QLBgjdaNgE0QBH0WsDa6AAWkZCxA7WRAJPmsTYIBHqgBzlP574haMCbHKBNOd1tIBF0wE7XWIExF0ChsXQ2vk7KkAyL4Q0xhAvnKIHAyiRBWIugEY7bIbYsE2kmJCxGYPdAsRAW27piB/O6AHyQbTbz2Qi2U1miSTHCRzmgWkqLZPKZLfBo3/JA7XuiDImDyjGyk0XBvhG82hGDAAK0W4IRBYkTwtvAymtjcoeiARfsscg/Ups3v5rEAWJj9UCAAm4gIxpuDPITWNlgJugXA7lGOLlENvaCgRO8jKB4vfdaLp9KRzg2xN+yFumhYCb3SF5PZLJO5Vu2qXkioAAvK3mCCpSeSnbUINxKdtTM4eO2UIi9kzSHRpWFjMZVVyxnujpkWF0x+2FgLDhAg/osAL4TEQ0kZXE6rUdMuKplnMW3Fw3k8OuICDoEkn6rjknJPzQhU+b/G86T9rrNSmP4wmEOAcLgrijddnT3ojspw5LldKc3BOPHcNEQJRgjZE2GDPK3b5wFq5SxMSFto5TRfEI3ICBNkI/nKp2EBAC+MIFzz80I/cpyJuVg30QKGgXyCsJAkegRAEcFE2PfsglVadIO4UgwnAzyumIMESEdpI7qlw3drzOyaTYC0QSPJEjAOE1rd9lnAARCtJqaZ5ZeyyNpW4hCEW5EKWOPJd/bGdv6oxPkmIO/yWAM3RuXSIMXCEciU0YMfRH0QJFxMTwtBhMW3iEYz2QJBAuBhbB9bpgB+q2coNUfHhb/RRKO+VoWkmnPld0IWARhZSgIRWP1WhBhIuFVhDhHzUoRadJBUWbWxy1V47oNG+6dokTmeNlomDErN0F5yvPcIcR3XpZuf6rirUne9fDSRNjCy5ZuR1dLlJbtEZWsq/wBnq38BjklO3pKh3AssezL8dl5cJ7c66uluwgTY3IWHSf779gq0qIpyASZWmGGUu65uflwyw1KYyBcIARdORfvutAInclbuIu83nCA+I9+U8RlYgb+iBQ3my3oO6YgEyVr5sgWLWuhEniE8Xst2KBYNkLSdlSBt9UD/ACUCAWEC/dYtjJ8rQniwkLX9EQW5HI7pXC1045OeViPmhZtLSQiG2lU0mLbIQJgIpOOS7CJ2WuLQiG25R3nKLgRfKEQDsUYtb6rAWuMIFiUY9EYlYgygAwg0JrWwsGk5QQWhFZauYFiisgCyMLIAsjHZFBWiSWRO6dJ04kuBCsAZWd8ujDwXSJgbcrRmB3ungAk/RCLndQsWOP6rAbbJvOYW0xBOUCx/PK0E7QE+m0oRugUoQE0TbhGJEX4lAsaQIv6LRt8ymi0ArY7oFxlbTGTZNyCTHmgR28kCwcboxa0JotBHkh5oFI4ytFj2T4QgxMIFA4RjYco5GfJAxEIAYtujE+aMXnPmtFs3QJk2E+iMARe8o4tCxEjnugB4+yyIF91oQCIQteCmtg4QJ06iZsEGsShA4N1yu65oHhYb8mFJ3WViLaR6LO8mMazhzr0ItYTCVz2s+J7QvMdVqOy9x9UkXVby/kaTp/2vQgLQisut5gLIrQgC0IoIMsR2R3WQX6YHS482VeVqbdFIAXJuUYMrO+XTjNQAImFgPn5okE2Ri6hYsfNYiRi6aN5ssLDgHlApAMgrR3siAtHOUAgEZ9EAPRPBCABi0oBHzQ3kJ4k9lhZApF+Sh9E4GIQIkRP7IAB/MrQItKJsAQUMugD0QAjhYCW8pvme3CwE3NkC33+a2mbW5TECDsRyhBiSgEDOJ7oaSL5TCAZ7I4OUCZ29EYJi1k0TP2QiOECxN7LRm6aIWwc2RBdli21zndNFrXQOJzPCJeM5ulzmnYkIK3VN09Q7vdRXJZq6ehjdzYQisioS9KrT9263wnBU4uvQLdUh1wuapQc0ktBIC75XkZYa+4iAsigrMwjhFFYCbRJQCFbp6JcQ84GAd01Ppzl/yXQBtsMABVta4Ye6AEiBZaCR27I7d90QMxmcKjUpuDa3Kw5hNfC0WwgEk32QcLpo2n90LwgEXv6rcQmjKwBmQbBAokhbTIlMPRACd/mUAcPXyQgAJoItJ+aMZ+g4QJAIsscwfsmtE7bLXmwQACCfotAFrTyjacrQOCgEWjeUpF04AvgIQefogG5JutFrhGNsox/VAm/6LXO6YZ8/qiR5oJgEXRAEwDafRNEj4rLQJhAoFoiQsBaITETBvH2WAJF48uECAcI6fVHzW0ybZ4Qed7QZD2PzIgrjXs1qDa7Q10gAzZK3pKDBPuwTybrHLjtu3RhyzHHVeSBJ8N/JUb01Zxsw+tl67WhuGhoHARIuk4p7pee+ocNgETdGLlMYOQtFrGy2YJupsfkApP7NTNxPzXRHclAgEWlN1FxlQHT07ZPmVRjGs+FoCeJiEdO8JsmMhcug+q0XMo4F/RYAkTlQkpB5CIBAg4TRyfott3wgWMQTCBEhOGm1pWj6qQkSsR9cp9PY8raDOCUCRYXhGJmbJi2TcGyJGDeECHI+S0Y2TaYkXhbTF/uoCRiMokGc+SMEhGMXCBC2y1w2eU8WuJ9UInupAi9rIab4ujAx2hHvi6BSAB5IRfYeqeOcoROAECkXvKxEzxymNrzHdeZX6x73kUiWNG+5VcspEW6eiQMLECxjZeVS6utTMl2sHIK9Sk8VabXtNiMJjlKS7bk3MLAbzA7Jy0gZuhE32Kskn8V0Y7QE3pPdYDugWJP3QHdPFsgoAQUAjKzvI+SYiLY/NCLoF0jMLETnyTfkjFuyDz3e3ejZIDapA/2C/wBVEfiTpvh9xVPqF889xf8ACMhS93BuY3WPfXpf83G+k/7iDv8AKE9/efspH8RVmn+60wB/vK8VlRgaAPqg/VU3Kjuq3wcf49YfiLqZj3dGR2P6pT7d69x8BpCD/oXjhkHxOVW1mgGAndVvi4/x3O9se0ZJPUBvYNbZB3trrXC/UO9ABK4Hh1U2tKRrYPiiVG6n48PyPQPtPrj8PV1fmoO6zq9ep/U1iTnxlI2s0ARvtCSo01LgRum6ntx/HSPaNe0dRVJ/5lB/V9W/HUVhHDyuNjQ253V/fCLX7onU/Cgvb8VR/nqKq3qSPhe82/1FQe1zjMkBKwCmfEUS6W9R1IB93Wqt8nlH+1dU0nV1dYj/ANh/VS98P4cJKjXOJKI1Px1D2j1BECvV/wDsp/8AqPtAi3V1RB5XCwNp3JlV98CLG/3TdO3G+nSz2t19OdXVPd/yh0K7fbvWD/FDpGC0LynMc7yHdZmmnmJ803VfjwvqPYb7d68EnTScOCyIVG/iPqGz72hSM8SF5AqyYGVJzHOJU91ReHjvp9Cz8RggaumJvHhf+y6Ge3+mcTroVWj0P5r5dpawiTPKr76TDRHdT31S9Px30+mb7d6FwEvcyThzP0VqftToHElvV0rc2+6+NLCb4TU3BpiVPfVb0uHqvtX1KdWi9tOqx5LTGlwOy8eLLxTV1iGiD2StdUa4eJw4gqmV2x5OkvnGvcXq+zwR0rdRMEmF8ozq6jYmq62xXbS9u9Y1ga0sc0bFuUwurus8ek5PL6aM9uUYuLmPuvn6X4irtI9701NwnLSQrt/EdE/+ShUaZvBBha90L0/JPT2I+i3NvKV59P270Lz8dRvmxdDfaPRP/wA1TtyYU7jO8ec8x0QI4stFsSEGVaT5LKtNxH+lwKaHFsi87xlSpoPvstco6bXMLAev6oARbuhBTxnn7ob8jKD4YVQ3wjKm8OebKdMBp8REq3vWwYysHs7SYyCNRVhVbhueFCoHPmBC1MBkkuE7obO8OfjBSsboyqF4AgAqLw4uOyG1xVGmGme6nU1vBgfNLTAZ8RlV94C2BdDabBpu5X96NJiVyva5xnlNThl3QhsXhzyYm6LIZMp3VAW2sVBzHEyht0GqIsO0KTmOdmTKzIZJN1R9UFtghslPSw3yqGqDYCVzuY5xkSnplrRdDbOY5zr8JmFrMm6Z9TVgFc5Y4m6G3SakiAFFzHHOOEzC1u8kFM95IhhQ2DC1oElVdUmdK5dLiZJtKrTe1ondDZHU3F29rkqrC1guhUqF7PCfJR0HJ+iG3S6pqEN2UfducZKem4NF7rPcXYQ2am9rbZPKL36xZc+h0mYhXbUawWPryhtLQZknzVmPaydypveXYSNYQ7xGENuh7y7G6NNg0guAlKyo1oSPJeLKFpdOhz2CIIMKT3l/wjyUWMIdJJVm1Wt+SFu0xTgy4Duumj1b6VmVHtOBDiPRQqkvwElNuk+I2lSjy9BvtLrm2Z1NWJnMqjPbXtFjpdWDhw5gK4W1GgRkJKmp8wU3VLhhfMewz8Q9SB4hScZyWx+aoPxDXDf7tScdzqIXgMbpFzKv75rRAglT3VW8PHfTjqNc42EfkmptDYJcPVM6o3TAAncLnIJNpRZ1vqN0w2xXO5rnGcAbJ6cCziEajwR4W3Q21LS34jKo6oNMD5hcha7MlXp6GmSbobSLXF3AVaUN+I+hWfUB+EY4UCHF0kwg6XPBsFAtdO4VWljbT80Kjw5ssFihsaZa34rpqj5HhwuYNcXThXY5oBBuhtLQ4uuYEwrsc1rf5sp1HzhSDXyJKG3S+pI8I2UNLiYOFVjmAAE4skquLj4eNkNq0y1ouQg9+oeEQudrXF15XXRDTtYfVJNq5ZzGbqNOg59ySBM+a62MY0YBWcZSgXutZjI8zk5887/h3X2Cm6i12RHkqgwErjJsp0zmeU+5SQKd8hRqOJHhVwJz9UrtNK0Z+qzyx07+Dn7/AOOXlzNb4vFKuyo0NER6KNVzibRCDA4HxGFV1bUqOc+dIhTa2HXKuHta0RnsoPLiSIHZDbpbUaG7FSqEuFhY8JGNgjV9VYOaGkNQ2kxpBkmRwugVGtbAv+S5ahc7HkmYACCXKE7NUL3HwzZCm2LuuqlzdIgBc7tTrA27IbdTXtAspVNTjYWS0wB8Ryque0DSLIbTpCJkid5VveMAEZXM8OJ809MARqKGxfqdfZamA34zCo+o0CGwud2ouOlDYsIaIcbrVH8Bc4kuBJwN1duiOSpU2iA4nt5q9MtDbwpVHOnwAqbQ5xE7obdFV1jAm6kA4nFlZpbElRqvJJDR5QpNrMLYSVHE2apM16pK6BpaIgIbQaHE3JXQxzQIMqFVzpsCFqYcTJO6E3T1XEkhoU2hxIJ+SvZrZ3UKhJMAIOkObp2lSqu1HwqdO7vEVbU0BBKm1wIJj9VcOZpuueoTMD7LU2nV4igaq8nC6unYW02g+akXNDcK4JLRHAVsHJ1V/jIrICR0rNF7piQBZaOArRyU8hTJMotF7oMZwkqNlknZVJEcqNaTTfE4UXwvx3WcpC5kWM/koPc9xtKNKL6iqOc0CwWL19lpCLuKs5zY2lcTi8/ur0hEBxhDZHl5tFk9IRAcme5sQD6Bc5Li6R9UNutz2hvhzsud7nOdN01MNB8d0z3g2AU9tU+TGexpQ3JF073gYB+S5fETwFenpgSU0vMpfCTtTlakAB4kHuAxC5/E4ySoTt1ue2LQFAl7nHYKtMtGTdK54jwY7IbPSgElxui9wg6crlGovjGy6GBoA1GUNuao6ZAlLTnckK3hGVzueZGlSpt1eADY9pUKjpPhQp6nC5kfdWdoAg38kNpUpOfkr+Fuclcr3OmGghPSBMaj80NhUc6YCswDhBxa1tvqgHEtETAUx0dPq27WMcKZJnsi3uUS5jRkKzruUnlFgPvDKq4N02XPVeS8gY8k1MSPFhUebl/a6B7nEx/JTUpjxFO/SB3XOXumwtKIdbnMDZbC5nOcXEDyT0228X1TP0tEgIbCkN3LupuaaYi5Fl5Zc4kwCI7Lq6Z2gy4+HdWxuqx58O/H6dJJlO3AQJESLhJJWjzFSQpknZO3uUHWwgZvmpdS8NpwMmyxdAk4CgXh79TjYWHZRlfpvwYXLLfqOYlxMAWV6YGC4Sp1XACxBUg5xO8T9Fk9LbqqFoBiwXPqeXCZ/RXYGx4r2SVHAWHCGz04iXLOI/hCkyTkqoiFpjj7cvLyW3thLkqjQIukcYNkGknKuwO4xhTOqZk+SoI3SuPCiza2Odxu4qzTEugxsp1HAfCVMatVvkrNa2JN/RY2O6Zbm0Wl2qCV0N0geK5lc9R+zUKbnEi6J2rVfs2Z5U2lxIlXhrW3M+i56j9myENhSlxglUfoGACuU1DOkKzATkn1Uq7I57iSGhUpAuu6FqmhonfuoGo4u0iwKG3U8Bo2n7rnc9xsDZVY3UPFeyDy1otshsWAmNRwnqFoHhwFyB7i7gFdLGA3JQ2iXuJn7K1MX8WElQtZG6k2o+bGxQ26KmkAxndR1nV+6q1gNyUtSGfChtSm2cndCpDRaFztqPLpXQxgiSbjlDaOpxO8Lops1fEZKlVIbglTa97sWMIbWqQ0HSFFr3PNhC6GsFtR2UqjgCdIMobdNB5YMyOCrHqaQsTHovNY9zrfddAY20nZTLYxz4cM/uukV2H/ABGp/fUw20uXm1HgYCVjnON7BT3VSdNhPLo6iuX49AoMLzn6q4a0t8ShUdpNtlV0SSTUdDWti5U6j9NgL9lOm5zskwrw3czuidosLnHPouhoAElc76mgnSFqZc/NkNrE2ss0mU0ADyTtol7NQMEraeHBndW7KIGUjjwn91UBuJHIQIARXZWycp4ACkSRhM2TlEkrPgWCFNxJElVcQJ8lzPqn+EArLLy7OL+kdcNaJnOy53PMnSSVqcuHihVOkDYyqtNlpS43Kq4NAvFtlyPqu1GPsqUgXRqUmy1A1gBjKkXumBYLLIq6GDV8Rm6V7RTwAssgiKp1xyYV2NDjB3WWQCoAzCm2odUC2yyyCwaDm8JHANaSFlkCCoTMWV20xFzM3WWQTqwx0ABTbVcYncrLILtYC291J50Y5hZZBSmC9gJcQndSAFzKyy6c8MZxy6Vl+0HugyBCzHEtyssuZZXQFGq7SZbaFlkDUyXGJKcNEYWWQSfU0EwIwjTc55glZZBUsaQbKDqpAsIWWQVouLpndeoGhrQBsFllth4cPUf2AlAsa/4hKyyu53NWY1jjGFHUcBZZVbTwVh94TKLmBrdQWWWL0J9RH3rpMKjJcbnCyygGq0NBgCyiarhjmFlkH//Z',
  'base64',
);

/** The articles of this part, by file name, for the tests that read them. */
export const PHOTOS_FILES = {
  beside: 'articles/2024/02/2024-02-06-karakol-ski-season.md',
  folder: 'articles/2024/02/2024-02-19-naryn-yak-festival.md',
  upperCase: 'articles/2024/03/2024-03-04-osh-bread-queue.md',
  publicSvg: 'articles/2024/03/2024-03-21-nooruz-in-the-valley.md',
} as const;

/** Flawed files and the line of their `image.src`. */
export const PHOTOS_FLAWED = {
  'articles/2024/04/2024-04-02-missing-photo.md': 8,
  'articles/2024/04/2024-04-09-scanned-tiff.md': 8,
  'articles/2024/04/2024-04-16-phone-heic.md': 8,
  'articles/2024/04/2024-04-23-agency-host.md': 8,
  'articles/2024/04/2024-04-30-pasted-script.md': 8,
} as Record<string, number>;

const story = (title: string, date: string, src: string, alt: string, body: string) =>
  `---\ntitle: ${title}\nsummary: ${body.split('. ')[0]}.\ndate: ${date}\nlocation: Kyrgyzstan\nimage:\n  alt: ${alt}\n  src: ${src}\n---\n\n${body}\n`;

export default function photos(w: ArchiveWriter): void {
  w.write(
    PHOTOS_FILES.beside,
    story(
      'Karakol ski base opens a month early',
      '2024-02-06T10:00',
      'karakol-slopes.jpg',
      'Skiers on a slope above a pine forest.',
      'The ski base above Karakol opened on Saturday, a month earlier than last year. Managers credit a snowy December.',
    ),
  );
  w.write('articles/2024/02/karakol-slopes.jpg', JPEG);
  w.write(
    PHOTOS_FILES.folder,
    story(
      'Naryn yak festival draws herders from three regions',
      '2024-02-19T09:00',
      './photos/yak-parade.jpg',
      'Herders lead yaks along a snowy street.',
      'Herders from Naryn, Issyk-Kul and Talas brought their yaks to the winter festival. The parade closed the main street for an hour.',
    ),
  );
  w.write('articles/2024/02/photos/yak-parade.jpg', JPEG);
  w.write(
    PHOTOS_FILES.upperCase,
    story(
      'Bread prices in Osh steady after flour deal',
      '2024-03-04T08:30',
      'DSC_0412.JPG',
      'A queue outside a bakery in Osh at dawn.',
      'Bakers in Osh kept the price of a round loaf at 30 som. The flour deal with Kazakh mills holds until June.',
    ),
  );
  w.write('articles/2024/03/DSC_0412.JPG', JPEG);
  w.write(
    PHOTOS_FILES.publicSvg,
    story(
      'Nooruz in the valley',
      '2024-03-21T12:00',
      '/images/mountain-railway.svg',
      'Drawing of mountains.',
      'Families in the valley marked Nooruz with sumolok cooked overnight. Schools closed for three days.',
    ),
  );
  if (!w.flawed) return;
  const flawed = (file: string, src: string) =>
    w.write(file, story('A story filed in a hurry', '2024-04-02T10:00', src, 'A photo.', 'The desk filed this story in a hurry. Its photo is not right.'));
  const [missing, tiff, heic, agency, script] = Object.keys(PHOTOS_FLAWED);
  flawed(missing!, 'market-queue.jpg');
  flawed(tiff!, 'scan-0041.tiff');
  w.write('articles/2024/04/scan-0041.tiff', JPEG);
  flawed(heic!, 'IMG_2291.HEIC');
  w.write('articles/2024/04/IMG_2291.HEIC', JPEG);
  flawed(agency!, 'https://photos.agency.example.com/2024/04/queue.jpg');
  flawed(script!, 'javascript:alert(document.cookie)');
}
